import type { ComplexAttributeConverter } from 'lit';

/** An attribute holding a list separated by `|` ("Break | Lunch"), for list properties a host may also set in HTML. */
export const listAttribute: ComplexAttributeConverter<string[] | undefined> = {
  fromAttribute: (value) => (value ? value.split('|').map((item) => item.trim()).filter(Boolean) : []),
};
