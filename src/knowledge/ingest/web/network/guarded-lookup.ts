/**
 * A `lookup` for `net.connect` that refuses addresses the {@link UrlPolicy} forbids.
 * It runs when the socket connects, on the very addresses it will use, so a name that
 * resolved to a public address a moment ago and to 127.0.0.1 now (DNS rebinding) is
 * still refused. A name with any forbidden address is refused as a whole: the
 * connection may otherwise race to that one.
 */
import { promises as dns } from 'node:dns';
import type { LookupFunction } from 'node:net';

import { ArchonError, ErrorCode } from '../../../../core/errors.js';
import { addressRefusal, type UrlPolicy } from './url-policy.js';

/** The lookup for sockets opened under `policy`; refusals are URL_NOT_ALLOWED with the reason as message. */
export function guardedLookup(policy: UrlPolicy): LookupFunction {
  const resolveHost = policy.resolveHost ?? ((hostname, options) => dns.lookup(hostname, options));
  return (hostname, options, callback) => {
    resolveHost(hostname, { ...options, all: true }).then(
      (addresses) => {
        for (const { address } of addresses) {
          const refusal = addressRefusal(address, policy);
          if (refusal === undefined) continue;
          const reason = `${hostname} resolves to ${address}, ${refusal}`;
          callback(new ArchonError(ErrorCode.UrlNotAllowed, reason), '', 0);
          return;
        }
        const first = addresses[0];
        if (first === undefined) {
          const error = Object.assign(new Error(`no address for ${hostname}`), {
            code: 'ENOTFOUND',
          });
          callback(error, '', 0);
        } else if (options.all === true) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
