/**
 * Loads the MSDF font for labels in the browser: the BMFont JSON and its atlas image, decoded
 * without colour-space conversion or premultiplication (the channels are distances, not colours).
 */
import type { MsdfFontSource } from './label-mesh';
import type { MsdfFontJson } from './msdf-font';
import { FontError, createFontMetrics } from './msdf-font';

export const DEFAULT_FONT_JSON_URL = '/generated/fonts/Roboto-msdf.json';
export const DEFAULT_FONT_IMAGE_URL = '/generated/fonts/Roboto-msdf.png';

export async function loadMsdfFont(jsonUrl = DEFAULT_FONT_JSON_URL, imageUrl = DEFAULT_FONT_IMAGE_URL): Promise<MsdfFontSource> {
  const [jsonResponse, imageResponse] = await Promise.all([fetch(jsonUrl), fetch(imageUrl)]);
  if (!jsonResponse.ok) throw new FontError(`font ${jsonUrl}: HTTP ${jsonResponse.status}`);
  if (!imageResponse.ok) throw new FontError(`font image ${imageUrl}: HTTP ${imageResponse.status}`);
  const json = (await jsonResponse.json()) as MsdfFontJson;
  createFontMetrics(json); // validates, throwing FontError
  const image = await createImageBitmap(await imageResponse.blob(), {
    imageOrientation: 'none',
    premultiplyAlpha: 'none',
    colorSpaceConversion: 'none',
  });
  return { json, image };
}
