import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { consoleConfig, type ConsoleConfig } from './config';
import { completeStaffSignIn } from './auth/staff-sign-in';
import { SESSION_EVENT } from './auth/session';
import { ErrorMessage } from './components/ui';
import { StaffConsole } from './staff/staff-console';
import { ParentPortal } from './parent/parent-portal';
import './styles.css';

/** Routes live in the hash (#/staff/students, #/parent), so S3 serves one index.html for all. */
function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const update = () => setRoute(read());
    window.addEventListener('hashchange', update);
    window.addEventListener(SESSION_EVENT, update);
    return () => {
      window.removeEventListener('hashchange', update);
      window.removeEventListener(SESSION_EVENT, update);
    };
  }, []);
  return route;
}

function App() {
  const route = useRoute();
  const [config, setConfig] = useState<ConsoleConfig>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    consoleConfig()
      .then(async (loaded) => {
        await completeStaffSignIn(loaded);
        setConfig(loaded);
      })
      .catch(setError);
  }, []);
  if (error) {
    return (
      <main>
        <h1>Parent Access</h1>
        <ErrorMessage error={error} />
        <p>
          <a href="#/">Start again</a>
        </p>
      </main>
    );
  }
  if (!config) return <p role="status">Loading…</p>;
  if (route[0] === 'staff') return <StaffConsole config={config} page={route[1] ?? 'students'} />;
  if (route[0] === 'parent') return <ParentPortal config={config} page={route[1] ?? 'students'} />;
  return (
    <main class="landing">
      <h1>Parent Access</h1>
      <p>Who are you?</p>
      <ul class="choices">
        <li>
          <a class="choice" href="#/staff">
            <strong>School staff</strong>
            <span>Students, access codes, parent accounts, jobs and the audit trail</span>
          </a>
        </li>
        <li>
          <a class="choice" href="#/parent">
            <strong>Parent or guardian</strong>
            <span>Sign in, link your child with an access code, see your students</span>
          </a>
        </li>
      </ul>
    </main>
  );
}

render(<App />, document.getElementById('app')!);
