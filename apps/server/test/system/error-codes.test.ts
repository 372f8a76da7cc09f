import { errorCatalogue } from '../../src/errors/catalogue';
import { publishedSpecDocument, resolveRef } from '../../src/http/spec-document';

interface EnumSchema {
  enum: string[];
  description: string;
}

const errorCodeSchema = resolveRef(publishedSpecDocument(), '#/components/schemas/ErrorCode') as EnumSchema;

test("the spec's ErrorCode enum lists exactly the catalogue's codes, in its order", () => {
  expect(errorCodeSchema.enum).toEqual(Object.keys(errorCatalogue));
});

test('the ErrorCode description says what each code means', () => {
  const undescribed = errorCodeSchema.enum.filter((code) => !errorCodeSchema.description.includes(`- \`${code}\`: `));
  expect(undescribed).toEqual([]);
});

test('both error bodies carry a code of the enum', () => {
  const document = publishedSpecDocument();
  for (const name of ['Error', 'ValidationError']) {
    const schema = resolveRef(document, `#/components/schemas/${name}`) as { properties: { code: unknown } };
    expect(schema.properties.code).toEqual({ $ref: '#/components/schemas/ErrorCode' });
  }
});
