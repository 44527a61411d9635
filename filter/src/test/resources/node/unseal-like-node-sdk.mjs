// Reads a session cookie the way WorkOS's Node SDK does (getSessionFromCookie → iron-session's
// unsealData → iron-webcrypto's unseal), using only Node's built-in WebCrypto, so the Java tests
// can check that what authkit-servlet writes is readable by the Node SDK without an npm install.
//
// Usage: node unseal-like-node-sdk.mjs  (stdin: {"password": "...", "cookie": "..."})
// Prints the unsealed session object as JSON, or exits 1 with the iron error message.
import { webcrypto as crypto } from 'node:crypto';

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

function base64urlDecode(s) {
  return new Uint8Array(Buffer.from(s, 'base64url'));
}

async function pbkdf2Key(password, salt, usage, algorithm) {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-1', salt: new TextEncoder().encode(salt), iterations: 1 },
    base, algorithm, false, usage);
}

// iron-webcrypto 1.x/2.x unseal with iron's defaults (timestampSkewSec 60).
async function ironUnseal(sealed, passwords) {
  const parts = sealed.split('*');
  if (parts.length !== 8) throw new Error('Incorrect number of sealed components');
  const [prefix, passwordId, encryptionSalt, encryptionIv, encryptedB64, expiration, hmacSalt, hmac] = parts;
  const macBaseString = `${prefix}*${passwordId}*${encryptionSalt}*${encryptionIv}*${encryptedB64}*${expiration}`;
  if (prefix !== 'Fe26.2') throw new Error('Wrong mac prefix');
  if (expiration) {
    if (!/^\d+$/.test(expiration)) throw new Error('Invalid expiration');
    if (Number.parseInt(expiration, 10) <= Date.now() - 60 * 1000) throw new Error('Expired seal');
  }
  const id = passwordId || 'default';
  if (!(id in passwords)) throw new Error(`Cannot find password: ${id}`);
  const password = passwords[id];
  const macKey = await pbkdf2Key(password, hmacSalt, ['sign'], { name: 'HMAC', hash: 'SHA-256', length: 256 });
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', macKey, new TextEncoder().encode(macBaseString)));
  if (Buffer.from(mac).toString('base64url') !== hmac) throw new Error('Bad hmac value');
  const encKey = await pbkdf2Key(password, encryptionSalt, ['decrypt'], { name: 'AES-CBC', length: 256 });
  const decrypted = await crypto.subtle.decrypt(
    { name: 'AES-CBC', iv: base64urlDecode(encryptionIv) }, encKey, base64urlDecode(encryptedB64));
  return JSON.parse(new TextDecoder().decode(decrypted));
}

// iron-session 8 unsealData: a string password becomes {1: password}; "~2" means the object as is.
async function unsealData(seal, password) {
  const passwords = typeof password === 'string' ? { 1: password } : password;
  const [sealWithoutVersion, versionText] = seal.split('~');
  const version = versionText ? Number.parseInt(versionText, 10) : null;
  const data = await ironUnseal(sealWithoutVersion, passwords);
  return version === 2 ? data : data.persistent ?? data;
}

try {
  const session = await unsealData(input.cookie, input.password);
  // getSessionFromCookie hands this object to the app: it needs these fields.
  if (typeof session.accessToken !== 'string' || typeof session.refreshToken !== 'string') {
    throw new Error('not a session');
  }
  process.stdout.write(JSON.stringify(session));
} catch (e) {
  process.stderr.write(String(e.message));
  process.exit(1);
}
