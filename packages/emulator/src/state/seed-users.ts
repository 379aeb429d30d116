/** The seeded agent every credential acts as (agent messages, takeovers, resolutions through the API). */
export const DEMO_AGENT_ID = '0b7a4a53-59b0-4a55-8f5c-3c1a8e1d2f01';

/** A second seeded agent, offline. */
export const DEMO_SECOND_AGENT_ID = '5d2c9e84-0f3b-4f0e-9a57-6b1f4c7e8a02';

/** The seeded supervisor (not assignable to rooms). */
export const DEMO_SUPERVISOR_ID = 'a3e8f1c6-7d24-4b9a-8e05-2c6d9b4f7a03';

/** A user of the organization: an agent or a supervisor. */
export interface SeedUser {
  readonly id: string;
  readonly fullName: string;
  readonly email: string;
  readonly role: 'agent' | 'supervisor';
  readonly isOnline: boolean;
}

/** The organization's users (`GET /v1/users`); its agents are the rooms' assignable agents. */
export const SEED_USERS: readonly SeedUser[] = [
  {
    id: DEMO_AGENT_ID,
    fullName: 'Demo Agent',
    email: 'demo@example.com',
    role: 'agent',
    isOnline: true,
  },
  {
    id: DEMO_SECOND_AGENT_ID,
    fullName: 'Second Agent',
    email: 'agent2@example.com',
    role: 'agent',
    isOnline: false,
  },
  {
    id: DEMO_SUPERVISOR_ID,
    fullName: 'Demo Supervisor',
    email: 'supervisor@example.com',
    role: 'supervisor',
    isOnline: true,
  },
];

/** The seeded user `id`, or `undefined`. */
export function seedUser(id: string): SeedUser | undefined {
  return SEED_USERS.find((user) => user.id === id);
}
