/**
 * The override toolkit every writer uses: {@link dev.securebaseline.tf.Tf} (maps, lists, references, resources, data
 * sources, variables, outputs and tags through {@code addOverride}), the providers and their pinning,
 * {@link dev.securebaseline.tf.AwsContext} (the account, partition and region the policies' ARNs are built from), the
 * S3 backend, the Terraform variables stacks share, and {@link dev.securebaseline.tf.Naming}, which names what AWS names.
 *
 * <p>It uses only {@code settings}; every writer and stack above uses it.
 */
package dev.securebaseline.tf;
