/**
 * Rule stripe-credentials: the Stripe External Credential authenticates with a Bearer formula over
 * $Credential.Stripe.ApiKey and carries no value in source; the Named Credential is a secured
 * endpoint for https://api.stripe.com over it; and no file of the package (Apex, LWC, metadata,
 * static resources), the sample data, the relay or the workbench holds anything that looks like a
 * Stripe secret, a webhook secret, a literal bearer token or a private key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataDir, metaDir, plain, str, type Xml } from '../data-model/model.js';
import { listFiles, listSourceFiles } from '../files.js';
import { lineOf } from '../findings.js';
import { projectIndex } from '../metadata/project-index.js';
import type { Finding } from '../findings.js';
import { toFindings } from './problems.js';
import { result, type Rule } from './rule.js';

export const RULE = 'stripe-credentials';

export const SECRET_PATTERNS: { pattern: RegExp; what: string }[] = [
  { pattern: /\b[sr]k_(live|test)_[0-9A-Za-z]{8,}/g, what: 'a Stripe secret or restricted key' },
  { pattern: /\bwhsec_[0-9A-Za-z]{8,}/g, what: 'a Stripe webhook signing secret' },
  { pattern: /Bearer\s+[A-Za-z0-9_]{16,}/g, what: 'a literal bearer token instead of a formula' },
  // The header alone is text (a message naming the format); a key has its material after it.
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/=]{16,}/g, what: 'a private key' }
];

interface SecretHit {
  file: string;
  line: number;
  what: string;
}

/** Every secret-looking value in the files, at its line (the value itself is never repeated). */
export function findSecrets(files: { file: string; text: string }[]): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const { file, text } of files)
    for (const { pattern, what } of SECRET_PATTERNS)
      for (const match of text.matchAll(pattern))
        hits.push({ file, line: lineOf(text, match.index ?? 0), what });
  return hits;
}

/** Where secrets must never be: the package, the sample data, the relay and the workbench. */
function secretScanFiles(root: string): string[] {
  const everything = (): boolean => true;
  return [
    ...listSourceFiles(root, everything),
    ...listFiles(dataDir(root), everything),
    ...listFiles(path.join(root, 'relay'), everything),
    ...listFiles(path.join(root, 'workbench'), everything)
  ];
}

export function checkCredentials(ec: Xml, nc: Xml): string[] {
  const problems: string[] = [];
  if (ec.authenticationProtocol !== 'Custom')
    problems.push('Stripe external credential: protocol must be Custom');
  const params = (ec.externalCredentialParameters as Xml[] | undefined) ?? [];
  const principals = params.filter((p) => p.parameterType === 'NamedPrincipal');
  if (principals.length !== 1 || principals[0]?.parameterName !== 'StripeApiKey')
    problems.push('Stripe external credential: exactly one NamedPrincipal, StripeApiKey');
  const header = params.find((p) => p.parameterType === 'AuthHeader' && p.parameterName === 'Authorization');
  const formula = str(header?.parameterValue) ?? '';
  if (!/^\{!.*'Bearer '.*\$Credential\.Stripe\.ApiKey.*\}$/.test(formula))
    problems.push(
      'Stripe external credential: Authorization header must be a Bearer formula over $Credential.Stripe.ApiKey'
    );
  for (const p of params)
    if (p.parameterType !== 'AuthHeader' && 'parameterValue' in p)
      problems.push(
        `Stripe external credential: ${String(p.parameterName)} must not carry a value in source`
      );

  if (nc.namedCredentialType !== 'SecuredEndpoint')
    problems.push('Stripe named credential: must be SecuredEndpoint');
  if ('endpoint' in nc)
    problems.push('Stripe named credential: <endpoint> is Legacy-only; use a Url parameter');
  const ncParams = (nc.namedCredentialParameters as Xml[] | undefined) ?? [];
  const url = ncParams.find((p) => p.parameterType === 'Url');
  if (url?.parameterValue !== 'https://api.stripe.com')
    problems.push('Stripe named credential: Url must be https://api.stripe.com');
  const auth = ncParams.find((p) => p.parameterType === 'Authentication');
  if (auth?.externalCredential !== 'Stripe')
    problems.push('Stripe named credential: must authenticate with external credential Stripe');
  if (nc.generateAuthorizationHeader !== 'false')
    problems.push(
      'Stripe named credential: generateAuthorizationHeader must be false (the AuthHeader supplies it)'
    );
  if (nc.allowMergeFieldsInHeader !== 'true')
    problems.push('Stripe named credential: allowMergeFieldsInHeader must be true');
  return problems;
}

export const EC_FILE = 'externalCredentials/Stripe.externalCredential-meta.xml';
export const NC_FILE = 'namedCredentials/Stripe.namedCredential-meta.xml';

export const stripeCredentialsRule: Rule = {
  name: RULE,
  check: (root) => {
    const meta = metaDir(root);
    const index = projectIndex(root);
    const ecFile = path.join(meta, EC_FILE);
    const ncFile = path.join(meta, NC_FILE);
    const findings: Finding[] = index.parseErrors.filter((f) => f.file === ecFile || f.file === ncFile);
    const ec = index.files.get(ecFile);
    const nc = index.files.get(ncFile);
    for (const [file, el] of [
      [ecFile, ec],
      [ncFile, nc]
    ] as const)
      if (!el && !findings.some((f) => f.file === file))
        findings.push({ file, line: 1, message: 'missing', rule: RULE });
    if (ec && nc) {
      const problems = checkCredentials(plain(ec), plain(nc));
      findings.push(...toFindings(problems, RULE, (p) => (p.startsWith('Stripe named') ? ncFile : ecFile)));
    }
    const secrets = findSecrets(
      secretScanFiles(root).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }))
    );
    for (const { file, line, what } of secrets)
      findings.push({
        file,
        line,
        message: `secret-looking value in source (${what}): secrets belong in the Named/External Credential or the relay's environment, never in a file`,
        rule: RULE
      });
    return result(findings);
  }
};
