/** The npm `statuspage` client (dist/statuspage.js, untyped): the calls its README lists. */
declare module 'statuspage' {
  type Answer = Promise<{ status: number; data: Record<string, unknown> }>;
  export default class StatusPage {
    constructor(apiKey: string, pageId: string);
    /** Its axios instance; baseURL defaults to https://api.statuspage.io. */
    instance: { defaults: { baseURL: string } };
    getComponents(): Promise<Record<string, unknown>[]>;
    createComponent(name: string): Answer;
    updateComponentState(id: string, status: string): Answer;
    deleteComponent(id: string): Answer;
    updateMetric(id: string, value: number): Answer;
  }
}
