import { describe, expect, it } from 'vitest';
import { SLICE_BYTES, UploadRefused, uploadInSlices } from './upload';

/** A hub that stores slices as uploadImportChunk does: in order, a slice sent again acknowledged. */
function fakeHub({ failEvery = 0, loseAnswerOf = -1 } = {}) {
  const stored: number[] = [];
  let calls = 0;
  const send = async (offset: number, base64: string) => {
    calls += 1;
    if (failEvery && calls % failEvery === 0) throw new Error('network');
    const bytes = [...atob(base64)].map((character) => character.charCodeAt(0));
    if (offset > stored.length) throw new UploadRefused('gap');
    if (offset === stored.length) stored.push(...bytes);
    if (calls === loseAnswerOf) throw new Error('answer lost');
    return stored.length;
  };
  return { send, stored, calls: () => calls };
}

const fileOf = (size: number) => Uint8Array.from({ length: size }, (_, index) => (index * 7) % 256);
const quick = { pause: async () => undefined };

describe('uploading a file in slices', () => {
  it('sends every byte in slices of at most 48 KiB, reporting progress', async () => {
    const file = fileOf(3 * SLICE_BYTES + 10);
    const hub = fakeHub();
    const progress: number[] = [];
    await uploadInSlices(file, hub.send, { ...quick, onProgress: (received) => progress.push(received) });
    expect(hub.stored.join()).toBe(file.join());
    expect(hub.calls()).toBe(4);
    expect(progress).toEqual([0, SLICE_BYTES, 2 * SLICE_BYTES, 3 * SLICE_BYTES, file.length]);
  });

  it('sends a failed slice again, alone, and not twice when only its answer was lost', async () => {
    const file = fileOf(2 * SLICE_BYTES);
    const flaky = fakeHub({ failEvery: 2 });
    await uploadInSlices(file, flaky.send, quick);
    expect(flaky.stored.join()).toBe(file.join());
    const lost = fakeHub({ loseAnswerOf: 1 });
    await uploadInSlices(file, lost.send, quick);
    expect(lost.stored.join()).toBe(file.join());
  });

  it('stops at a refusal, and goes on later from what the hub holds', async () => {
    const file = fileOf(2 * SLICE_BYTES);
    const hub = fakeHub();
    await expect(uploadInSlices(file, async () => Promise.reject(new UploadRefused('too large')), quick)).rejects.toThrow('too large');
    await uploadInSlices(file.subarray(0, SLICE_BYTES), hub.send, quick);
    await uploadInSlices(file, hub.send, quick, SLICE_BYTES);
    expect(hub.stored.join()).toBe(file.join());
  });
});
