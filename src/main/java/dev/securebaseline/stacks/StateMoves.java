package dev.securebaseline.stacks;

import dev.securebaseline.settings.AccountSettings;
import dev.securebaseline.settings.AwsRegions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a deployment of the earlier layout, in which one environment's stack (the carrier) held what exists
 * once per account, moves it into the account stack. The resources keep their addresses and names, so
 * this is a move of state, not a replacement: every address the carrier held moves, under the same
 * address, except the default VPCs' security groups, which are counted now ({@code [0]}), and the default
 * VPCs themselves, which the account stack no longer manages and the carrier's state forgets. Config's former
 * role moves too, and the account stack's first apply deletes it.
 *
 * @param moved     {@code "<from> <to>"}, for {@code terraform state mv}
 * @param forgotten addresses for {@code terraform state rm} in the carrier
 */
record StateMoves(List<String> moved, List<String> forgotten) {

    /** What the account stack writes that the carrier layout did not have: created by its first apply, not moved. */
    static final Set<String> NEW_TYPES = Set.of("aws_sns_topic", "aws_sns_topic_policy", "aws_sns_topic_subscription",
            "aws_securityhub_standards_control_association", "aws_ec2_instance_metadata_defaults", "aws_ebs_snapshot_block_public_access",
            "aws_ec2_image_block_public_access", "aws_ec2_serial_console_access");
    static final Set<String> NEW_ADDRESSES = Set.of("aws_accessanalyzer_analyzer.unused_access", "aws_iam_service_linked_role.config");
    /**
     * What the carrier had and the account stack replaced: Config's own role, now its service-linked role.
     * Moved all the same, so that the account stack's first apply deletes them once no recorder uses them.
     */
    static final List<String> RETIRED_WITH_CONFIG = List.of("aws_iam_role.config", "aws_iam_role_policy.config",
            "aws_iam_role_policy_attachment.config");

    /** The moves for an account stack whose resources are {@code addresses}. */
    static StateMoves fromCarrier(List<String> addresses, AccountSettings settings) {
        List<String> moved = new ArrayList<>();
        for (String address : addresses) {
            String type = address.substring(0, address.indexOf('.'));
            if (NEW_TYPES.contains(type) || NEW_ADDRESSES.contains(address)) {
                continue;
            }
            moved.add(address + " " + (address.startsWith("aws_default_security_group.default_vpc_") ? address + "[0]" : address));
        }
        if (settings.manageConfig()) {
            RETIRED_WITH_CONFIG.forEach(address -> moved.add(address + " " + address));
        }
        List<String> forgotten = settings.guardrailRegions().stream().map(region -> "aws_default_vpc." + AwsRegions.alias(region)).toList();
        return new StateMoves(List.copyOf(moved), forgotten);
    }
}
