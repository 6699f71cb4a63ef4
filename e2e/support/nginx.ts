/** Debian's nginx serving a static folder on loopback with the configuration docs/static-hosts/nginx.conf documents. */
import { startStaticHost } from '../../src/testing/static-hosts';

export interface Nginx {
  baseURL: string;
  stop: () => Promise<void>;
}

export function startNginx(root: string): Promise<Nginx> {
  return startStaticHost('nginx', root);
}
