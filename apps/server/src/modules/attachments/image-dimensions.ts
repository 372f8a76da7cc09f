/** An image's size in pixels, as it is shown. */
export interface ImageDimensions {
  width: number;
  height: number;
}

/**
 * How many of a file's first bytes `imageDimensions` needs: a JPEG's size comes after its metadata segments (EXIF,
 * colour profile), which rarely take more; the other formats state it in their first 30 bytes.
 */
export const imageHeaderBytes = 256 * 1024;

const startsWith = (bytes: Buffer, signature: string, offset = 0): boolean =>
  bytes.length >= offset + signature.length &&
  bytes.toString('latin1', offset, offset + signature.length) === signature;

const dimensions = (width: number, height: number): ImageDimensions | undefined =>
  width > 0 && height > 0 ? { width, height } : undefined;

function png(bytes: Buffer): ImageDimensions | undefined {
  if (!startsWith(bytes, '\x89PNG\r\n\x1a\n') || !startsWith(bytes, 'IHDR', 12) || bytes.length < 24) return undefined;
  return dimensions(bytes.readUInt32BE(16), bytes.readUInt32BE(20));
}

function gif(bytes: Buffer): ImageDimensions | undefined {
  if (!(startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) || bytes.length < 10) return undefined;
  return dimensions(bytes.readUInt16LE(6), bytes.readUInt16LE(8));
}

function bmp(bytes: Buffer): ImageDimensions | undefined {
  if (!startsWith(bytes, 'BM') || bytes.length < 26) return undefined;
  // The oldest header (OS/2 1.x, 12 bytes) has 16-bit sizes; the others have signed 32-bit ones, the height negative
  // when the rows are stored top down.
  if (bytes.readUInt32LE(14) === 12) return dimensions(bytes.readUInt16LE(18), bytes.readUInt16LE(20));
  return dimensions(Math.abs(bytes.readInt32LE(18)), Math.abs(bytes.readInt32LE(22)));
}

function webp(bytes: Buffer): ImageDimensions | undefined {
  if (!startsWith(bytes, 'RIFF') || !startsWith(bytes, 'WEBP', 8)) return undefined;
  if (startsWith(bytes, 'VP8 ', 12)) {
    // A lossy key frame: its start code, then 14-bit sizes whose top two bits are a scale.
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    return dimensions(bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff);
  }
  if (startsWith(bytes, 'VP8L', 12)) {
    // A lossless bitstream: its signature byte, then the width and height less one, 14 bits each.
    if (bytes[20] !== 0x2f) return undefined;
    const bits = bytes.readUInt32LE(21);
    return dimensions((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (startsWith(bytes, 'VP8X', 12)) {
    // The extended format's canvas: width and height less one, 24 bits each.
    return dimensions(bytes.readUIntLE(24, 3) + 1, bytes.readUIntLE(27, 3) + 1);
  }
  return undefined;
}

/** The start-of-frame markers, which carry the size: every SOFn but DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** Markers that stand alone, without a length: TEM and the restart markers. */
const standsAlone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/**
 * Whether the EXIF segment (its data, from `Exif\0\0`) turns the image a quarter: orientations 5 to 8 swap width and
 * height on screen, as cameras held upright write them.
 */
function turnsQuarter(segment: Buffer): boolean {
  if (!startsWith(segment, 'Exif\0\0') || segment.length < 14) return false;
  const tiff = segment.subarray(6);
  const littleEndian = startsWith(tiff, 'II');
  if (!littleEndian && !startsWith(tiff, 'MM')) return false;
  const u16 = (offset: number) => (littleEndian ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
  const u32 = (offset: number) => (littleEndian ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset));
  const directory = u32(4);
  if (directory + 2 > tiff.length) return false;
  const entries = u16(directory);
  for (let index = 0; index < entries; index++) {
    const entry = directory + 2 + index * 12;
    if (entry + 12 > tiff.length) return false;
    if (u16(entry) === 0x0112) return u16(entry + 8) >= 5 && u16(entry + 8) <= 8;
  }
  return false;
}

function jpeg(bytes: Buffer): ImageDimensions | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let offset = 2;
  let quarterTurn = false;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      // A fill byte before the marker.
      offset += 1;
      continue;
    }
    if (standsAlone(marker)) {
      offset += 2;
      continue;
    }
    // The end of the image, or the start of its scan: no frame header came before.
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) return undefined;
    const segment = bytes.subarray(offset + 4, offset + 2 + length);
    if (marker === 0xe1 && turnsQuarter(segment)) quarterTurn = true;
    if (isStartOfFrame(marker)) {
      if (segment.length < 5) return undefined;
      const height = segment.readUInt16BE(1);
      const width = segment.readUInt16BE(3);
      return quarterTurn ? dimensions(height, width) : dimensions(width, height);
    }
    offset += 2 + length;
  }
  return undefined;
}

/**
 * The size of a PNG, GIF, JPEG, WebP or BMP image, read from its first bytes (`imageHeaderBytes` of them suffice),
 * as a viewer shows it (a JPEG's EXIF orientation applied); undefined for any other content, or a header that ends
 * before it tells the size.
 */
export function imageDimensions(head: Buffer): ImageDimensions | undefined {
  try {
    return png(head) ?? gif(head) ?? jpeg(head) ?? webp(head) ?? bmp(head);
  } catch (error) {
    // A header that claims more bytes than it has: its size is not known.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
