// The login port's shape, apart from its platform variants (login*.ts) and the
// sandbox's code, which all import it from here.
import type { SessionRequest } from '@contract'

/** A one-time login code and the provider that issued it (exchanged by the issuer). */
export interface LoginCode {
  provider: SessionRequest['provider']
  code: string
}
