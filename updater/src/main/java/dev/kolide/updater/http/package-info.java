/**
 * HTTP for the updater: Notary's TUF metadata API ({@link dev.kolide.updater.http.NotaryHttpRepository}) and the
 * bounded, streamed GET both it and the target downloader use ({@link dev.kolide.updater.http.BoundedGet}), so no
 * response is ever buffered past the size the caller trusts.
 */
package dev.kolide.updater.http;
