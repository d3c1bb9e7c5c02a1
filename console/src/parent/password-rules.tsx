import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../shared/domain/limits';

/** The rules as the parent types, each met or not, read out as they change; and what only the API can check. */
export function PasswordRuleList({ id, rules, checkedOnSave }: { id: string; rules: { text: string; met: boolean }[]; checkedOnSave: string }) {
  return (
    <ul id={id} class="rules" aria-live="polite">
      {rules.map((rule) => (
        <li key={rule.text} class={rule.met ? 'met' : 'unmet'}>
          <span aria-hidden="true">{rule.met ? '✓' : '•'}</span> {rule.text}
          <span class="sr-only">{rule.met ? ' (met)' : ' (not yet)'}</span>
        </li>
      ))}
      <li>{checkedOnSave}</li>
    </ul>
  );
}

/** The rules the API applies (shared/domain/password-policy.ts), checked here as the parent types where they can be. */
export function passwordRules(password: string, again: string, userName: string) {
  const length = [...password.normalize('NFC')].length;
  return [
    { text: `At least ${MIN_PASSWORD_LENGTH} characters (you have ${length})`, met: length >= MIN_PASSWORD_LENGTH },
    { text: `At most ${MAX_PASSWORD_LENGTH} characters`, met: length <= MAX_PASSWORD_LENGTH },
    { text: 'Does not contain your user name', met: !userName || userName.length < 3 || !password.toLowerCase().includes(userName.toLowerCase()) },
    { text: 'Both entries match', met: password.length > 0 && password === again },
  ];
}
