import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
const { startAwsPeer } = await import("./src/sandbox/aws/aws-peer.ts");
const { seedCdpAccount } = await import("./src/sandbox/aws/aws-seed.ts");
const { ssoLogin } = await import("./src/core/aws/sso-login.ts");
const { AwsIamClient } = await import("./src/core/aws/aws-iam-client.ts");
const peer = await startAwsPeer();
peer.control.reset(); seedCdpAccount(peer.control);
peer.control.createRole({ roleName: "KeyRotation", trustedUsers: [], actions: ["iam:*"] });
peer.sso.assign("KeyRotation"); peer.sso.setInterval(0);
const home = await mkdtemp(join(tmpdir(), "dbg-"));
const env = { HOME: home, AWS_CONFIG_FILE: join(home, "aws-config"), AWS_ENDPOINT_URL: peer.url };
Object.assign(process.env, env);
await writeFile(env.AWS_CONFIG_FILE, `[profile sso-admin]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = KeyRotation
region = us-east-1

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`);
const shown: any[] = [];
peer.sso.slowDownNext(1);
let n = 0;
const clock = { now: () => new Date(), sleep: async (ms: number) => { n++; console.log("sleep", ms); if (n === 3) peer.sso.approve(shown[0].userCode); if (n > 10) throw new Error("loop"); } };
const r = await ssoLogin("sso-admin", { env, clock, onDeviceCode: (c: any) => void shown.push(c) });
console.log(r, peer.sso.tokenAnswers());
const aws = new AwsIamClient({ region: "us-east-1", profile: "sso-admin", endpointUrl: peer.url });
const t = setTimeout(() => { console.log("still waiting on getAdminIdentity"); }, 10000);
try { console.log(await aws.getAdminIdentity()); } catch (e) { console.log("ERR", e); }
clearTimeout(t);
aws.destroy(); await peer.stop();
