// What a front end does with the API: log in with email and password, keep data.key, send it as
// `Authorization: Token <key>`, create a post, log out. Every step adds a line
// <li data-step="..." data-status="ok|error"> that a person, or the Playwright test, reads.
const api = new URLSearchParams(location.search).get("api") || "http://127.0.0.1:8000";

async function call(path, { method = "GET", token, body } = {}) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Token ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  // A fetch refused by CORS rejects with a TypeError before any of this answer is readable.
  const response = await fetch(api + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(data)}`);
  return data;
}

function show(step, status, text) {
  const line = document.createElement("li");
  line.dataset.step = step;
  line.dataset.status = status;
  line.textContent = `${step}: ${text}`;
  document.getElementById("steps").append(line);
}

async function step(name, action, describe) {
  try {
    const data = await action();
    show(name, "ok", describe(data));
    return data;
  } catch (error) {
    show(name, "error", `${error.name}: ${error.message}`);
    throw error;
  }
}

async function run(email, password) {
  const data = await step(
    "login",
    () => call("/api/v1/dj-rest-auth/login/", { method: "POST", body: { email, password } }),
    () => "logged in",
  );
  const token = data.key;
  await step(
    "user",
    () => call("/api/v1/dj-rest-auth/user/", { token }),
    (user) => `${user.username} <${user.email}>`,
  );
  await step(
    "post",
    () =>
      call("/api/v1/posts/", {
        method: "POST",
        token,
        body: { title: `Hello from ${location.origin}`, body: "Posted with fetch from another origin." },
      }),
    (post) => `#${post.id} "${post.title}" by ${post.author.username}`,
  );
  await step(
    "logout",
    () => call("/api/v1/dj-rest-auth/logout/", { method: "POST", token }),
    (answer) => answer.detail,
  );
}

document.getElementById("api").textContent = api;
document.getElementById("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  document.getElementById("steps").replaceChildren();
  delete document.body.dataset.done;
  const form = new FormData(event.target);
  // A failed step has shown its error already; the steps after it are not run.
  await run(form.get("email"), form.get("password")).catch(() => {});
  document.body.dataset.done = "true";
});
