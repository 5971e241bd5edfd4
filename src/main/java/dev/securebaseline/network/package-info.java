/**
 * An environment's network: the VPC with its subnets, gateways and routes ({@link dev.securebaseline.network.Network}),
 * the network ACLs of its tiers, its flow logs, and the security groups of the web tier.
 *
 * <p>It uses {@code monitoring}, {@code policy}, {@code tf} and {@code settings}.
 */
package dev.securebaseline.network;
