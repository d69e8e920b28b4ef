/**
 * The {@code allocation} plugin: applies {@code LeaseFlows}' decision, stores its lease change,
 * fires the lease events it means, and sets the reply's type and addresses (see README.md).
 */
package io.d2j.dhcp4.plugins.allocation;
