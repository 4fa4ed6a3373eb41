import { setFlagsFromString } from 'node:v8';

/**
 * Lets V8's heap grow by `percent` between full collections instead of up to fourfold.
 *
 * What a Dossier process keeps is small (an import's index, a server's read cache: tens of
 * MB), but rendering and converting make a lot of garbage that lives just long enough to
 * reach the old generation. By default V8 lets that generation grow to about four times
 * what survived the last full collection before collecting again, so the peak tracked the
 * load rather than what was live: an import of 10,000 posts peaked at 288 MB with 40 MB
 * live, and a server under the page bench's load at 231-276 MB with 35 MB live. The
 * price is collecting more often, which the server pays in throughput: doubling kept it
 * at 210 MB but cost the publication page about a tenth of its rate (bench/pages), so
 * the server grows by 150% and the import, whose rate matters less, by half.
 *
 * Set for this process only, before the work starts; V8 reads it at every collection.
 */
export function keepHeapNearLiveSize(percent: number): void {
  setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
