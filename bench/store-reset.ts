/** Empties a server's message store (`DELETE /`, SPEC §1 case 5), so one load cannot fill it for the next. */
import { request } from 'node:http';

const TIMEOUT_MS = 5_000;

export function clearStore(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, method: 'DELETE', path: '/', agent: false, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.once('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`DELETE / answered ${res.statusCode}`))));
    });
    req.once('timeout', () => req.destroy(new Error(`DELETE / not answered within ${TIMEOUT_MS} ms`)));
    req.once('error', reject);
    req.end();
  });
}
