/** (a) This project's gateway, as shipped: createGateway with the graph's own config. */
import 'reflect-metadata';
import { createGateway } from '../../gateway/server';
import { createLogger } from '../../platform/logger';
import { verifierFor } from '../../platform/tokens';
import { gatewayOptionsOf, loadConfig } from '../../runtime/config';
import { announce, benchInputs } from './common';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'bench-ours' });
  const gateway = await createGateway(
    gatewayOptionsOf(config, { ...benchInputs(), log, verifier: await verifierFor(config.auth, config.embeddedPostgres.dataDir) }),
  );
  announce((await gateway.listen(0)).url);
}

void main();
