/**
 * Sends a file to the hub in slices (uploadImportChunk), as an officer on a weak mobile
 * connection needs it: each slice is a small request of its own, a slice whose request fails is
 * sent again after a pause (a dropped connection costs one slice, never the whole file), and
 * the hub's answer says how much it holds, so a slice it stored but whose answer was lost is
 * not sent twice.
 */

/** The hub takes at most 48 KiB of the file per slice (uploadImportChunk). */
export const SLICE_BYTES = 48 * 1024;

/** Sends one slice; answers the bytes the hub holds, or throws (network or refusal). */
export type SendSlice = (offset: number, base64: string) => Promise<number>;

/** A refusal that sending again will not change (the file is too large, another officer's upload…). */
export class UploadRefused extends Error {}

export interface UploadOptions {
  /** Told the bytes the hub holds after every slice (the progress bar). */
  onProgress?: (received: number, total: number) => void;
  /** Tries per slice before giving up (the officer can press the button again: it goes on from where it stopped). */
  attempts?: number;
  /** Waits before a retry; tests pass a quick one. */
  pause?: (attempt: number) => Promise<void>;
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

const waitBefore = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, 15_000)));

/** Sends `file` from `from` on (what the hub already holds), slice by slice; resolves when the hub holds all of it. */
export async function uploadInSlices(file: Uint8Array, send: SendSlice, { onProgress, attempts = 6, pause = waitBefore }: UploadOptions = {}, from = 0): Promise<void> {
  let received = from;
  onProgress?.(received, file.length);
  while (received < file.length) {
    const slice = file.subarray(received, received + SLICE_BYTES);
    for (let attempt = 1; ; attempt += 1) {
      try {
        received = await send(received, base64Of(slice));
        break;
      } catch (error) {
        if (error instanceof UploadRefused || attempt >= attempts) throw error;
        await pause(attempt);
      }
    }
    onProgress?.(received, file.length);
  }
}
