// The main flow of the API through the generated types: register, log in on two devices, list
// and revoke sessions, make an API key and use it as a service would, create, list, read, update
// and delete a post, log out. Every step checks the status and the body it promises; the first
// surprise stops the run with a non-zero exit.
//
//   API_URL=http://127.0.0.1:8000 npm run flow
import { client, keyed } from "./client.js";
import type { components } from "./schema.js";

type Session = components["schemas"]["Session"];
type IssuedKey = components["schemas"]["IssuedKey"];
type LoginAnswer = components["schemas"]["LoginAnswer"];

const apiUrl = process.env.API_URL ?? "http://127.0.0.1:8000";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`flow: ${what}`);
}

// Login answers a session's key, or (MFA on) an ephemeral token for mfa/verify/.
function sessionOf(step: string, answer: LoginAnswer | undefined): IssuedKey {
  check(answer !== undefined && "key" in answer, `${step}: a key, not a second step`);
  return answer;
}

// openapi-fetch answers {data, error, response}: the status must be the one the step expects.
function expectStatus(step: string, result: { response: Response; error?: unknown }, status: number): void {
  const { response, error } = result;
  check(response.status === status, `${step}: expected ${status}, got ${response.status} ${JSON.stringify(error)}`);
  console.log(`ok  ${step}: ${status}`);
}

async function main(): Promise<void> {
  const anonymous = client(apiUrl);
  const suffix = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const username = `ts_${suffix}`;
  const email = `${username}@example.com`;
  const password = `Correct-Horse-${crypto.randomUUID()}`;

  // Register: the answer is the first session's key.
  const registered = await anonymous.POST("/api/v1/dj-rest-auth/registration/", {
    body: { username, email, password1: password, password2: password, device: "TypeScript flow: sign-up" },
  });
  expectStatus("register", registered, 201);
  check(registered.data !== undefined && "key" in registered.data, "register answers a key");

  // Two devices: one logs in with the username, the other with the e-mail address.
  const phoneLogin = await anonymous.POST("/api/v1/dj-rest-auth/login/", {
    body: { username, password, device: "Phone" },
  });
  expectStatus("login on the phone (username)", phoneLogin, 200);
  const tabletLogin = await anonymous.POST("/api/v1/dj-rest-auth/login/", {
    body: { email: email.toUpperCase(), password, device: "Tablet" },
  });
  expectStatus("login on the tablet (e-mail, any letter case)", tabletLogin, 200);
  const phoneSession = sessionOf("login on the phone", phoneLogin.data);
  const tabletSession = sessionOf("login on the tablet", tabletLogin.data);
  check(phoneSession.key !== tabletSession.key, "each device has its own key");
  check(!Number.isNaN(Date.parse(phoneSession.expires_at)), "expires_at is a time");
  const phone = keyed(apiUrl, phoneSession.key);
  const tablet = keyed(apiUrl, tabletSession.key);

  // The phone lists the sessions and signs the tablet out.
  const sessions = await phone.GET("/api/v1/dj-rest-auth/sessions/");
  expectStatus("list sessions", sessions, 200);
  check(sessions.data !== undefined, "sessions listed");
  const devices = sessions.data.map((session: Session) => session.device);
  check(devices.includes("Phone") && devices.includes("Tablet"), `both devices listed: ${devices.join(", ")}`);
  check(sessions.data.filter((session) => session.current).length === 1, "one session is the caller's");
  check(sessions.data.find((session) => session.current)?.device === "Phone", "the current one is the phone");
  const tabletListed = sessions.data.find((session) => session.device === "Tablet");
  check(tabletListed !== undefined, "the tablet's session");
  const revoked = await phone.DELETE("/api/v1/dj-rest-auth/sessions/{id}/", {
    params: { path: { id: tabletListed.id } },
  });
  expectStatus("revoke the tablet's session", revoked, 204);
  const tabletAfter = await tablet.GET("/api/v1/dj-rest-auth/user/");
  expectStatus("the tablet's key no longer works", tabletAfter, 401);
  const phoneStill = await phone.GET("/api/v1/dj-rest-auth/user/");
  expectStatus("the phone's still does", phoneStill, 200);
  check(phoneStill.data?.username === username, "user/ is the account");

  // An API key for a service: made with the password, shown once, limited to its scopes.
  const made = await phone.POST("/api/v1/dj-rest-auth/keys/", {
    body: { name: "billing service", scopes: ["posts:read"], password },
  });
  expectStatus("create an API key", made, 201);
  check(made.data !== undefined && made.data.key.length > 0, "the key is in the answer");
  const service = keyed(apiUrl, made.data.key);
  const keys = await phone.GET("/api/v1/dj-rest-auth/keys/");
  expectStatus("list API keys", keys, 200);
  check(keys.data?.some((key) => key.id === made.data.id && !("key" in key)) === true, "listed, never the key");
  const whoAmI = await service.GET("/api/v1/dj-rest-auth/user/");
  expectStatus("the API key calls user/", whoAmI, 200);
  const notForKeys = await service.GET("/api/v1/dj-rest-auth/sessions/");
  expectStatus("the API key may not list sessions", notForKeys, 403);
  check(typeof notForKeys.error?.detail === "string", "a 403 is {detail}");
  const readOnly = await service.POST("/api/v1/posts/", { body: { title: "From the service", body: "No." } });
  expectStatus("posts:read may not write", readOnly, 403);

  // Posts: create, list (as the service), read, update, delete.
  const created = await phone.POST("/api/v1/posts/", { body: { title: "Hello", body: "First post." } });
  expectStatus("create a post", created, 201);
  check(created.data !== undefined, "the post");
  check(created.data.author.username === username, "the author is the caller");
  const postId = created.data.id;
  const listed = await service.GET("/api/v1/posts/", { params: { query: { author: created.data.author.id } } });
  expectStatus("list the author's posts with the API key", listed, 200);
  check(listed.data?.results.map((post) => post.id).includes(postId) === true, "the new post is listed");
  const read = await phone.GET("/api/v1/posts/{id}/", { params: { path: { id: postId } } });
  expectStatus("read the post", read, 200);
  const updated = await phone.PATCH("/api/v1/posts/{id}/", {
    params: { path: { id: postId } },
    body: { title: "Hello again" },
  });
  expectStatus("update the post", updated, 200);
  check(updated.data?.title === "Hello again", "the new title");
  const invalid = await phone.PATCH("/api/v1/posts/{id}/", {
    params: { path: { id: postId } },
    body: { title: "x".repeat(201) },
  });
  expectStatus("a title over 200 characters", invalid, 400);
  check(invalid.error !== undefined && "title" in invalid.error, "the 400 names the field");
  const deleted = await phone.DELETE("/api/v1/posts/{id}/", { params: { path: { id: postId } } });
  expectStatus("delete the post", deleted, 204);
  const gone = await phone.GET("/api/v1/posts/{id}/", { params: { path: { id: postId } } });
  expectStatus("the deleted post is gone", gone, 404);

  // Revoke the API key, then log out: only that session ends.
  const keyRevoked = await phone.DELETE("/api/v1/dj-rest-auth/keys/{id}/", {
    params: { path: { id: made.data.id } },
  });
  expectStatus("revoke the API key", keyRevoked, 204);
  const serviceAfter = await service.GET("/api/v1/dj-rest-auth/user/");
  expectStatus("the revoked API key no longer works", serviceAfter, 401);
  const loggedOut = await phone.POST("/api/v1/dj-rest-auth/logout/");
  expectStatus("log out", loggedOut, 200);
  const phoneAfter = await phone.GET("/api/v1/dj-rest-auth/user/");
  expectStatus("the phone's key no longer works", phoneAfter, 401);
  console.log("TypeScript flow: every step answered as documented");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
