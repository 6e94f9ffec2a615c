// The two ways a form says something is wrong: under one field (linked to it by id, for
// aria-describedby) and for the whole form (announced at once). Nothing is rendered without a message.

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field__error">
      <span aria-hidden="true">✕ </span>
      {message}
    </p>
  );
}

export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
