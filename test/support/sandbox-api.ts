/**
 * A test's own view of the sandbox issuer over HTTP, to check what the widgets show
 * against what the issuer holds (a second session for the same persona). The sandbox's
 * controls (till, faults, clock, reset) are in ./sandbox-controls.
 */
export class SandboxApi {
  private token?: string

  constructor(
    readonly base: string,
    private readonly persona: string,
  ) {}

  private async session(): Promise<string> {
    if (this.token) return this.token
    const response = await fetch(`${this.base}/v1/auth/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        provider: 'h5',
        code: `sandbox:${this.persona}:test-${Math.random().toString(36).slice(2)}`,
      }),
    })
    if (response.status !== 201) throw new Error(`sign-in failed: ${response.status}`)
    const body = (await response.json()) as { access_token: string }
    this.token = body.access_token
    return this.token
  }

  async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      headers: { Authorization: `Bearer ${await this.session()}` },
    })
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`)
    return (await response.json()) as T
  }

  /** A signed-in POST (a repayment: pass its `Idempotency-Key` in `headers`). */
  async post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await this.session()}`,
        'Content-Type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`POST ${path}: ${response.status}`)
    return (await response.json()) as T
  }

  /** A signed-in PUT (a card's lock, the payment check). */
  async put<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${await this.session()}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`PUT ${path}: ${response.status}`)
    return (await response.json()) as T
  }

  async firstCardId(): Promise<string> {
    const cards = await this.get<{ data: { id: string }[] }>('/v1/cards')
    const id = cards.data[0]?.id
    if (!id) throw new Error('no card')
    return id
  }
}
