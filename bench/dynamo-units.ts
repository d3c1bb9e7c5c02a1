/** DynamoDB's sizing and capacity rules, as AWS documents them; no I/O (the cloud model imports this before any config). */

/**
 * DynamoDB's item size (Developer Guide, "Item sizes and formats"): each attribute's name
 * (UTF-8) plus its value — strings in UTF-8, numbers about one byte per two significant digits
 * plus one, booleans and null one byte, lists and maps 3 bytes plus one per element plus their
 * contents.
 */
export function itemSize(item: Record<string, unknown>): number {
  const value = (v: unknown): number => {
    if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
    if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace(/[.-]/g, '').replace(/^0+/, '').length / 2) + 1;
    if (typeof v === 'boolean' || v === null) return 1;
    if (v instanceof Uint8Array) return v.byteLength;
    if (Array.isArray(v)) return 3 + v.reduce((n: number, e) => n + 1 + value(e), 0);
    if (typeof v === 'object') return 3 + Object.entries(v as object).reduce((n, [k, e]) => n + Buffer.byteLength(k, 'utf8') + 1 + value(e), 0);
    return 0;
  };
  return Object.entries(item).reduce((n, [name, v]) => n + Buffer.byteLength(name, 'utf8') + value(v), 0);
}

/**
 * Write request units of one write (Developer Guide, "DynamoDB throughput capacity": one WRU
 * per started KB; UpdateItem is charged on the larger of the item before and after, DeleteItem
 * on the deleted item) and in a transaction twice that ("Amazon DynamoDB transactions:
 * Capacity management"). DynamoDB Local reports 1 per transactional item, hence computed here.
 */
export const wru = (bytes: number, transactional = false) => Math.ceil(bytes / 1024) * (transactional ? 2 : 1);
/** Read request units: one per started 4 KB strongly consistent, half that eventually consistent. */
export const rru = (bytes: number, strong: boolean) => Math.ceil(bytes / 4096) * (strong ? 1 : 0.5);

