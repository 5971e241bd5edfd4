/**
 * An environment's web tier: the load balancer and its logs, its listeners and certificate, the app instances and their
 * Auto Scaling group, the web alarms, and AWS WAF in front of it ({@link dev.securebaseline.web.WebFirewall}).
 *
 * <p>It uses {@code network}, {@code monitoring}, {@code storage}, {@code policy}, {@code tf} and {@code settings}.
 */
package dev.securebaseline.web;
