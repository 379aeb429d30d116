import { QontakAuthError, QontakAuthErrorCode } from './auth-error';

/** A `config_error` from `owner` (a class or function): `<owner>: <message>`, naming fields, never a secret's value. */
export function configError(owner: string, message: string): QontakAuthError {
  return new QontakAuthError(QontakAuthErrorCode.ConfigError, `${owner}: ${message}`);
}

/** The `config_error` a call on a closed `owner` rejects with. */
export function closedError(owner: string): QontakAuthError {
  return new QontakAuthError(QontakAuthErrorCode.ConfigError, `${owner} is closed: create a new instance.`);
}
