/** Where the infra project's global setup leaves the synthesized app: the env var naming its folder. */
export const SYNTHESIZED_APP_DIR = 'PARENT_ACCESS_SYNTHESIZED_APP';

/** File in the synthesized app's folder that says what cdk-nag found. */
export const NAG_RESULT_FILE = 'nag-result.json';
