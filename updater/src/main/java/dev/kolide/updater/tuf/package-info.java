/**
 * The TUF client for Notary's flavour (reference tuf.md): metadata, canonical JSON, keys and signatures, the
 * client workflow ({@link dev.kolide.updater.tuf.TufClient}) and the trusted store.
 */
package dev.kolide.updater.tuf;
