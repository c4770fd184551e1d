-- B6: failed sign-ins per login, so guessing a password is slowed down on
-- every instance alike (a throttle kept in one instance's memory would not be).
CREATE TABLE sign_in_failures (
  login text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX sign_in_failures_login ON sign_in_failures (login, at);
