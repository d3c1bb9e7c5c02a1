import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { config } from '../config';
import type { KeyWrapper } from '../crypto/code-vault';

const kms = new KMSClient({ region: config.AWS_REGION });
/** Binds every data key to its purpose: a key made for codes opens nothing else, and vice versa. */
const CONTEXT = { purpose: 'parent-access-code' };

/** Data keys from a KMS symmetric key: GenerateDataKey to seal, Decrypt to open. */
export function kmsKeyWrapper(keyId: string): KeyWrapper {
  return {
    async newDataKey() {
      const { Plaintext, CiphertextBlob } = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT }));
      return { plaintext: Buffer.from(Plaintext!), wrapped: Buffer.from(CiphertextBlob!) };
    },
    async unwrap(wrapped) {
      const { Plaintext } = await kms.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: wrapped, EncryptionContext: CONTEXT }));
      return Buffer.from(Plaintext!);
    },
  };
}
