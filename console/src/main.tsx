import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { consoleConfig, type ConsoleConfig } from './config';
import { completeStaffSignIn } from './auth/staff-sign-in';
import { SESSION_EVENT } from './auth/session';
import { ErrorMessage, focusPageHeading } from './components/ui';
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

/**
 * After a route change focus moves to the new page's heading, as a page load would put a screen
 * reader at the top; the first load leaves focus where the browser puts it.
 */
function useFocusOnRouteChange(route: string[]) {
  const first = useRef(true);
  const key = route.slice(0, 2).join('/');
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // After this render has painted the new page.
    const timer = setTimeout(focusPageHeading, 0);
    return () => clearTimeout(timer);
  }, [key]);
}

/** The first stop of the keyboard: straight to the page's content, past the bars. */
function SkipLink() {
  return (
    <a
      class="skip"
      href="#main"
      onClick={(event) => {
        // The hash holds the route, so the link moves focus instead of navigating.
        event.preventDefault();
        focusPageHeading();
      }}
    >
      Skip to main content
    </a>
  );
}

function App() {
  return (
    <>
      <SkipLink />
      <Routes />
    </>
  );
}

function Routes() {
  const route = useRoute();
  useFocusOnRouteChange(route);
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
