// Vue ships no types for the path of its full build; they are Vue's own.
declare module 'vue/dist/vue.esm-bundler.js' {
  export * from 'vue';
}
