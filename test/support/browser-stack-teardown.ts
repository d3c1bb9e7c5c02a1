import { stopStack } from './browser-stack';

export default stopStack;
