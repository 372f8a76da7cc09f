import { fileTypeOf } from './file-type';

test.each(['image/jpeg', 'image/jpg', 'image/png', 'image/gif', 'image/bmp', 'image/webp'])(
  '%s is an image',
  (type) => {
    expect(fileTypeOf(type)).toBe('image');
  },
);

test.each(['video/ogg', 'video/mp4', 'video/webm', 'video/quicktime'])('%s is a video', (type) => {
  expect(fileTypeOf(type)).toBe('video');
});

test.each(['audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/x-anything'])('%s is audio', (type) => {
  expect(fileTypeOf(type)).toBe('audio');
});

test.each([
  'image/svg+xml',
  'image/tiff',
  'video/x-msvideo',
  'application/pdf',
  'text/plain',
  'application/octet-stream',
  '',
])('"%s" is a file', (type) => {
  expect(fileTypeOf(type)).toBe('file');
});

test('the parameters and the case of a media type do not change its kind', () => {
  expect(fileTypeOf('Image/PNG; name=photo.png')).toBe('image');
  expect(fileTypeOf(' VIDEO/MP4 ')).toBe('video');
});
