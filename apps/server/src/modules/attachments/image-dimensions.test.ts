import { imageDimensions } from './image-dimensions';

const bytes = (...parts: Array<string | number[] | Buffer>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
const u16be = (value: number) => [value >> 8, value & 0xff];
const u32be = (value: number) => [(value >>> 24) & 0xff, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
const u16le = (value: number) => [value & 0xff, value >> 8];
const u32le = (value: number) => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff];
const u24le = (value: number) => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff];

const png = (width: number, height: number) =>
  bytes('\x89PNG\r\n\x1a\n', u32be(13), 'IHDR', u32be(width), u32be(height), [8, 6, 0, 0, 0], u32be(0));

const gif = (width: number, height: number) => bytes('GIF89a', u16le(width), u16le(height), [0xf7, 0, 0]);

const bmp = (width: number, height: number) =>
  bytes('BM', u32le(0), u32le(0), u32le(54), u32le(40), u32le(width), u32le(height), u16le(1), u16le(24));

/** A JPEG's segment: its marker and data, the length counting itself. */
const segment = (marker: number, data: number[] | Buffer) => bytes([0xff, marker], u16be(data.length + 2), data);

/** An EXIF segment's data whose first directory has the orientation tag, in the byte order given. */
function exif(orientation: number, littleEndian: boolean) {
  const u16 = littleEndian ? u16le : u16be;
  const u32 = littleEndian ? u32le : u32be;
  const entry = [...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0];
  return bytes('Exif\0\0', littleEndian ? 'II' : 'MM', u16(42), u32(8), u16(1), entry, u32(0));
}

const startOfFrame = (marker: number, width: number, height: number) =>
  segment(marker, [8, ...u16be(height), ...u16be(width), 3, 1, 0x22, 0]);

const jpeg = (...segments: Buffer[]) => bytes([0xff, 0xd8], ...segments, [0xff, 0xd9]);
const jfif = segment(0xe0, bytes('JFIF\0', [1, 1, 0], u16be(1), u16be(1), [0, 0]));

const riff = (chunk: Buffer) => bytes('RIFF', u32le(chunk.length + 4), 'WEBP', chunk);
const webpChunk = (fourcc: string, data: Buffer) => bytes(fourcc, u32le(data.length), data);

test('a PNG tells its size in its header', () => {
  expect(imageDimensions(png(640, 480))).toEqual({ width: 640, height: 480 });
});

test('a GIF tells its logical screen size', () => {
  expect(imageDimensions(gif(300, 200))).toEqual({ width: 300, height: 200 });
});

test('a BMP tells its size, whether its rows run bottom up or top down (a negative height)', () => {
  expect(imageDimensions(bmp(120, 80))).toEqual({ width: 120, height: 80 });
  expect(imageDimensions(bmp(120, -80 >>> 0))).toEqual({ width: 120, height: 80 });
});

test('a JPEG tells its size in its frame header, after any segments before it', () => {
  const exifAndProfile = [segment(0xe1, exif(1, true)), segment(0xe2, Buffer.alloc(5000)), segment(0xdb, [0, 1])];
  expect(imageDimensions(jpeg(jfif, ...exifAndProfile, startOfFrame(0xc0, 1024, 768)))).toEqual({
    width: 1024,
    height: 768,
  });
  expect(imageDimensions(jpeg(jfif, startOfFrame(0xc2, 33, 44)))).toEqual({ width: 33, height: 44 });
});

test('a JPEG turned a quarter by its EXIF orientation is as wide as it is stored high', () => {
  for (const littleEndian of [true, false]) {
    const turned = jpeg(segment(0xe1, exif(6, littleEndian)), startOfFrame(0xc0, 4032, 3024));
    expect(imageDimensions(turned)).toEqual({ width: 3024, height: 4032 });
  }
  const upsideDown = jpeg(segment(0xe1, exif(3, true)), startOfFrame(0xc0, 4032, 3024));
  expect(imageDimensions(upsideDown)).toEqual({ width: 4032, height: 3024 });
});

test('a WebP tells its size in each of its three formats', () => {
  const lossy = webpChunk('VP8 ', bytes([0x50, 0x01, 0x00], [0x9d, 0x01, 0x2a], u16le(500), u16le(250), [0, 0]));
  const losslessBits = (500 - 1) | ((250 - 1) << 14);
  const lossless = webpChunk('VP8L', bytes([0x2f], u32le(losslessBits), [0]));
  const extended = webpChunk('VP8X', bytes([0x10, 0, 0, 0], u24le(500 - 1), u24le(250 - 1)));
  for (const chunk of [lossy, lossless, extended]) {
    expect(imageDimensions(riff(chunk))).toEqual({ width: 500, height: 250 });
  }
});

test('content that is no known image, or whose header ends before its size, has no size', () => {
  expect(imageDimensions(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'))).toBe(
    undefined,
  );
  expect(imageDimensions(Buffer.alloc(0))).toBeUndefined();
  expect(imageDimensions(png(640, 480).subarray(0, 20))).toBeUndefined();
  expect(imageDimensions(jpeg(jfif, segment(0xe2, Buffer.alloc(5000))).subarray(0, 100))).toBeUndefined();
  expect(imageDimensions(jpeg(jfif, segment(0xda, [0, 0])))).toBeUndefined();
  expect(imageDimensions(png(0, 480))).toBeUndefined();
});
