// Express 4, installed as the devDependency alias `express4` for the compatibility suite. It has no
// types of its own; its app factory has the same shape as Express 5's for everything the tests use.
declare module 'express4' {
  import type express from 'express';

  const express4: typeof express;
  export default express4;
}
