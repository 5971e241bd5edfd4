package dev.securebaseline.tf;

import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.SettingsReader;
import dev.securebaseline.tf.Tf.Ref;
import dev.securebaseline.tf.Tf.Validation;

import static dev.securebaseline.tf.Tf.expr;

/** The Terraform variables environment and account stacks both declare, each with its validation. */
public final class StackVariables {

    private StackVariables() {
    }

    /** {@code alarm_email}: empty, or an address the alarm topic's subscription mails. */
    public static Ref alarmEmail(Tf tf, String defaultValue, String description) {
        return tf.variable("alarm_email", "string", defaultValue, description,
                new Validation(expr("var.alarm_email == \"\" || can(regex(\"" + hclRegex(SettingsReader.EMAIL.pattern())
                        + "\", var.alarm_email))"),
                        "alarm_email must be empty or an email address such as ops@yourcompany.com."));
    }

    /** {@code log_retention_days}: a CloudWatch Logs retention of at least a year. */
    public static Ref logRetentionDays(Tf tf, int defaultValue, String description) {
        return tf.variable("log_retention_days", "number", defaultValue, description,
                new Validation(expr("contains(" + BaselineSettings.LOG_RETENTION_CHOICES + ", var.log_retention_days)"),
                        "log_retention_days must be one of " + BaselineSettings.LOG_RETENTION_CHOICES
                                + " (CloudWatch Logs values of at least a year)."));
    }

    /** A Java regex written inside an HCL string inside JSON: backslashes doubled for HCL. */
    private static String hclRegex(String javaRegex) {
        return javaRegex.replace("\\", "\\\\");
    }
}
