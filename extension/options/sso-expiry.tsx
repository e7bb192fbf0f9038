import type { SsoView } from "../../shared/sso";
import { expiryWords } from "./expiry-words";
import { formatTime } from "./format";

const KIND_WORDS = { idp_certificate: "Okta signing certificate", sp_key: "SP key", okta_signing_key: "Okta API credential key" } as const;

const days = (n: number | null | undefined) => (n === null || n === undefined ? "no expiry" : n < 0 ? `expired ${-n} d ago` : `${n} d`);

/**
 * Days left per IdP certificate and key (GET /sso `certificates`, `keys`), and the 30/7-day warnings in plain words
 * with their fix. A JWK has no expiry, so an Okta credential key reads "no expiry".
 */
export function SsoExpiry({ view }: { view: SsoView }) {
  const certificates = view.configured ? view.certificates : [];
  const keys = view.keys ?? [];
  const warnings = view.warnings ?? [];
  if (certificates.length === 0 && keys.length === 0) return null;
  return (
    <>
      {warnings.length > 0 && (
        <ul data-poc="expiry-warnings" class="problem">
          {warnings.map((warning) => {
            const { words, fix } = expiryWords(warning);
            return (
              <li key={`${warning.kind}:${warning.subject}`} data-severity={warning.severity}>
                <strong>{warning.severity === "critical" ? "Urgent:" : "Soon:"}</strong> {words} Fix: {fix}
              </li>
            );
          })}
        </ul>
      )}
      <table data-poc="expiry-table">
        <caption>Certificates and keys: days left</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Which</th>
            <th scope="col">Valid until</th>
            <th scope="col">Days left</th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((certificate) => (
            <tr key={certificate.fingerprintSha256}>
              <th scope="row">
                {KIND_WORDS.idp_certificate}
                {certificate.source === "grace" ? ` (gone from the metadata; kept until ${formatTime(certificate.graceUntil ?? null)})` : ""}
              </th>
              <td>
                <code>{certificate.fingerprintSha256.slice(0, 23)}…</code>
              </td>
              <td>{formatTime(certificate.notAfter)}</td>
              <td>{days(certificate.daysLeft)}</td>
            </tr>
          ))}
          {keys.map((key) => (
            <tr key={`${key.kind}:${key.subject}`}>
              <th scope="row">{KIND_WORDS[key.kind]}</th>
              <td>
                <code>{key.subject}</code>
              </td>
              <td>{key.notAfter ? formatTime(key.notAfter) : "—"}</td>
              <td>{days(key.daysLeft)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
