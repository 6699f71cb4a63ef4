/** Who performs a change, for the audit log and interval attribution. */
export interface Actor {
  type: 'user' | 'apikey' | 'system' | 'cli';
  name: string;
  ip?: string | null;
  role?: 'admin' | 'editor';
  userId?: number;
}

export const SYSTEM: Actor = { type: 'system', name: 'system' };
