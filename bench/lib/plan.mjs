// What `npm run bench` measures: every workload × peer, how many timed runs each child makes, and whether it
// samples memory. Sized so the whole run stays near 10 minutes on a 2-core machine.
import { PHOTO, REAL, TINY } from './inputs.mjs';

/** Envelope sizes in MiB of raw RGBA, and timed runs per child for each. */
const ENVELOPE_SIZES = [
  { mib: 1, reps: 15 },
  { mib: 16, reps: 5 },
  { mib: 128, reps: 2 },
];

/**
 * One measurement: a workload with its params, measured for each of its peers in its own child process.
 * `unit` says how throughput is counted: bytes (MiB/s) or pixels (MP/s).
 */
/** 64 × 64 JPEG encodes per timed run: enough for a per-call time well above the timer's resolution. */
export const TINY_CALLS = 200;

export function buildPlan() {
  const plan = [];
  for (const { mib, reps } of ENVELOPE_SIZES) {
    for (const op of ['imageToText', 'textToImage']) {
      plan.push({
        id: `envelope-${op}-${mib}`,
        group: 'envelope',
        title: `${op}, ${mib} MiB raw RGBA`,
        workload: 'envelope',
        params: { op, mib },
        reps,
        sampleRss: mib === 128,
        unit: { bytes: mib * 1024 * 1024 },
      });
    }
  }
  for (const op of ['encode', 'decode']) {
    plan.push({
      id: `base64-${op}`,
      group: 'base64',
      title: `portable base64 ${op}, 16 MiB`,
      workload: 'base64',
      params: { op, mib: 16 },
      reps: 7,
      unit: { bytes: 16 * 1024 * 1024 },
    });
  }
  for (const image of [PHOTO, REAL]) {
    for (const format of ['png', 'bmp', 'jpeg']) {
      for (const op of ['decode', 'encode']) {
        plan.push({
          id: `${format}-${op}-${image.id}`,
          group: 'codecs',
          title: `${format.toUpperCase()} ${op}, ${image.label}`,
          workload: 'codecs',
          params: { op, format, image: image.id },
          reps: image === PHOTO ? 2 : 5,
          unit: { pixels: image.width * image.height },
          // JPEG decode memory is a target: peak resident memory while decoding, sampled every millisecond.
          sampleRss: format === 'jpeg' && op === 'decode' && image === PHOTO,
        });
      }
    }
  }
  plan.push({
    id: 'jpeg-encode-tiny64',
    group: 'codecs',
    title: `JPEG encode, ${TINY.label}, ${TINY_CALLS} calls a run`,
    workload: 'codecs',
    params: { op: 'encode', format: 'jpeg', image: TINY.id, calls: TINY_CALLS },
    reps: 5,
    unit: { pixels: TINY.width * TINY.height * TINY_CALLS },
  });
  for (const kind of ['lossy', 'lossless']) {
    plan.push({
      id: `webp-decode-${kind}-${PHOTO.id}`,
      group: 'webp',
      title: `WebP decode, ${kind === 'lossy' ? 'lossy (quality 90)' : 'lossless'}, ${PHOTO.label}, written by sharp`,
      workload: 'webp',
      params: { kind },
      reps: 3,
      unit: { pixels: PHOTO.width * PHOTO.height },
    });
  }
  plan.push({
    id: `gif-decode-${PHOTO.id}`,
    group: 'webp',
    title: `GIF decode to RGBA, ${PHOTO.label}, 256 colours written by sharp`,
    workload: 'gif',
    params: {},
    reps: 5,
    unit: { pixels: PHOTO.width * PHOTO.height },
  });
  plan.push({
    id: 'resize-photo12-lanczos',
    group: 'resize',
    title: `resize (Lanczos) of the ${PHOTO.label} to 1568 × 1176`,
    workload: 'resize',
    params: { width: 1568, height: 1176 },
    reps: 3,
    unit: { pixels: PHOTO.width * PHOTO.height },
  });
  plan.push({
    id: 'data-url-real',
    group: 'data-url',
    title: `pixels → PNG data URL, ${REAL.label}`,
    workload: 'data-url',
    params: { op: 'png', image: REAL.id },
    reps: 5,
    unit: { pixels: REAL.width * REAL.height },
  });
  return plan;
}

/** The image beyond the string limit: run once (it takes seconds and over a gigabyte). */
export const STREAM = {
  id: 'stream-12000',
  group: 'stream',
  title: '12,000 × 12,000 RGBA (576 MB) → text file → image',
  workload: 'stream',
  params: { op: 'file', width: 12000, height: 12000 },
  warmup: 0,
  reps: 1,
  sampleRss: true,
  unit: { bytes: 12000 * 12000 * 4 },
};
