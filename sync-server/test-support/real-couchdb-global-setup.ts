/** Global set-up of the `server-couchdb-real` test project: the same suites against the CouchDB at `HARBOR_TEST_COUCHDB_URL`. */
import type { TestProject } from 'vitest/node';
import './couchdb-global-setup';

export default function setup(project: TestProject): void {
  project.provide('couchdbUrl', process.env.HARBOR_TEST_COUCHDB_URL!);
  project.provide('rewindingCouchdbUrl', process.env.HARBOR_TEST_COUCHDB_URL!);
}
