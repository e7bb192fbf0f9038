import { api } from "./api";

/** The organization's SP certificate for `use` as its SP metadata publishes it, in PEM. */
export async function spCertificatePem(orgId: string, use: "signing" | "encryption"): Promise<string> {
  const xml = await (await api(`/${orgId}/metadata`)).text();
  const base64 = new RegExp(`<md:KeyDescriptor use="${use}">[\\s\\S]*?<ds:X509Certificate>([^<]+)<`).exec(xml)?.[1];
  if (!base64) throw new Error(`no ${use} certificate in the SP metadata of ${orgId}`);
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
}
