import { COUNCIL_KEYS, COUNCIL_SERVICES, ORGANISATIONS, integrations } from './catalogue';
import { seedId } from './ids';
import type { Queryable } from './progress';
import type { SeedPlan } from './scales';

export interface SeedOrganisation {
  id: string;
  key: string;
  name: string;
  type: string;
  gssCode: string | null;
  website: string | null;
  myaccount: boolean;
}

/** The organisations a plan seeds: the real catalogue, then generated bodies up to the plan's count. */
export function seedOrganisations(plan: SeedPlan): SeedOrganisation[] {
  const real = ORGANISATIONS.map((o) => ({ ...o, id: seedId('organisation', o.key) }));
  const extra = Array.from({ length: plan.extraOrganisations }, (_, i) => {
    const key = `public-body-${String(i + 1).padStart(3, '0')}`;
    return {
      id: seedId('organisation', key),
      key,
      name: `Scottish public body ${i + 1}`,
      type: 'OTHER_PUBLIC_BODY',
      gssCode: null,
      website: null,
      myaccount: false,
    };
  });
  return [...real, ...extra];
}

export async function seedOrganisationsSchema(db: Queryable, plan: SeedPlan): Promise<number> {
  const organisations = seedOrganisations(plan);
  await db.query(
    `INSERT INTO organisations.organisation (id, name, type, gss_code, website, joined_at)
     SELECT id, name, type, gss_code, website, timestamptz '2015-03-01' + (ord * interval '17 days')
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS o(id, name, type, gss_code, website, ord)`,
    [
      organisations.map((o) => o.id),
      organisations.map((o) => o.name),
      organisations.map((o) => o.type),
      organisations.map((o) => o.gssCode),
      organisations.map((o) => o.website),
    ],
  );
  const services: [string, string, string, string, string | null][] = [];
  for (const key of COUNCIL_KEYS) {
    const organisation = organisations.find((o) => o.key === key)!;
    for (const [name, category] of COUNCIL_SERVICES) {
      services.push([
        seedId('service', `${key}:${name}`),
        organisation.id,
        name,
        category,
        `${organisation.website}/${name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      ]);
    }
  }
  for (const integration of integrations()) {
    const organisation = organisations.find((o) => o.key === integration.organisationKey)!;
    if (organisation.type !== 'LOCAL_AUTHORITY') {
      services.push([
        seedId('service', `${integration.organisationKey}:${integration.serviceName}`),
        organisation.id,
        integration.serviceName,
        'National service',
        `https://${integration.domain}`,
      ]);
    }
  }
  await db.query(
    `INSERT INTO organisations.service (id, organisation_id, name, category, url)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])`,
    [0, 1, 2, 3, 4].map((i) => services.map((row) => row[i])),
  );
  const list = integrations();
  await db.query(
    `INSERT INTO organisations.integration (id, organisation_id, service_name, domain, status, launched_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])`,
    [
      list.map((i) => seedId('integration', `${i.organisationKey}:${i.domain}`)),
      list.map((i) => seedId('organisation', i.organisationKey)),
      list.map((i) => i.serviceName),
      list.map((i) => i.domain),
      list.map((i) => i.status),
      list.map((i) => i.launched),
    ],
  );
  return organisations.length + services.length + list.length;
}
