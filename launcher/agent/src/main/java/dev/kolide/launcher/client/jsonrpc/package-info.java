/**
 * The launcher's JSON-RPC 2.0 client (reference launcher.md §1.6):
 * {@link dev.kolide.launcher.client.jsonrpc.JsonRpcKolideClient}; the wire shapes, as confirmed against Kolide's
 * launcher, are documented on {@link dev.kolide.launcher.client.jsonrpc.JsonRpcWire}.
 */
package dev.kolide.launcher.client.jsonrpc;
