// Calls the sample's JSON API with the session cookie. Signed out, the AuthKit filter answers
// 401 JSON (never a redirect) because /api/* is declared in its api-paths.
(async function showMe() {
  const status = document.getElementById('status');
  const me = document.getElementById('me');
  try {
    const response = await fetch('api/me', {
      headers: { 'Accept': 'application/json' },
      credentials: 'same-origin'
    });
    const body = await response.json();
    if (response.status === 401) {
      status.textContent = 'You are signed out (the API answered 401).';
      return;
    }
    if (!response.ok) {
      status.textContent = 'The API answered ' + response.status + ': ' + (body.error || 'error');
      return;
    }
    status.textContent = 'Signed in as ' + body.name + ' (' + body.email + ').';
    me.textContent = JSON.stringify(body, null, 2);
    me.hidden = false;
  } catch (e) {
    status.textContent = 'Could not reach /api/me: ' + e.message;
  }
})();
