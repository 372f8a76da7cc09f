import { isoTime } from '../../http/iso-time';
import type { Schemas } from '../../http/schemas';
import type { CustomFilterRecord } from './custom-filter-repository';

/** A saved filter as the API shows it. */
export function toCustomFilter(filter: CustomFilterRecord): Schemas['CustomFilter'] {
  return {
    id: filter.id,
    name: filter.name,
    filter_type: filter.filter_type,
    query: filter.query,
    created_at: isoTime(filter.created_at),
    updated_at: isoTime(filter.updated_at),
  };
}
