/** /api/v1 names a component's public visibility `showcase` (Statuspage's field); the verbs call it `visible`. */
export function fromApiComponent(body: Record<string, unknown>): Record<string, unknown> {
  const { showcase, ...rest } = body;
  return showcase === undefined ? rest : { ...rest, visible: showcase };
}
