import { ModelImportError } from './model-import-error';
import type { ImportFile } from './model-source';

/** Decoded RGBA pixels, as canvas ImageData holds them. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/**
 * Browser decode of a dropped image (PNG, JPEG, ...) to RGBA: createImageBitmap, then a canvas read-back.
 * Works in a window or a worker (OffscreenCanvas). The resize and normalisation are computeImageProbe's.
 */
export async function decodeImageFile(file: ImportFile): Promise<DecodedImage> {
  const name = file.path ?? file.name;
  if (typeof createImageBitmap !== 'function') throw new ModelImportError('bad-image', `${name}: this environment cannot decode images`, name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([await file.arrayBuffer()]));
  } catch (error) {
    throw new ModelImportError('bad-image', `${name} is not an image this browser can decode (${(error as Error).message})`, name);
  }
  try {
    const { width, height } = bitmap;
    // OffscreenCanvas exists in workers and every current browser; this module runs in both.
    if (typeof OffscreenCanvas !== 'function') throw new ModelImportError('bad-image', `${name}: this environment has no OffscreenCanvas to decode it`, name);
    const context = new OffscreenCanvas(width, height).getContext('2d');
    if (!context) throw new ModelImportError('bad-image', `${name}: no 2D canvas to decode it`, name);
    context.drawImage(bitmap, 0, 0);
    return { width, height, data: context.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
}
