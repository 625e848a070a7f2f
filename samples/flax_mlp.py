"""A Flax MLP trained with Optax."""
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax


class MLP(nn.Module):
    @nn.compact
    def __call__(self, x, train: bool = True):
        x = nn.Dense(512)(x)
        x = nn.gelu(x)
        x = nn.Dropout(rate=0.1, deterministic=not train)(x)
        x = nn.LayerNorm()(x)
        return nn.Dense(10)(x)


schedule = optax.warmup_cosine_decay_schedule(0.0, 1e-3, warmup_steps=500, decay_steps=10_000)
tx = optax.chain(optax.clip_by_global_norm(1.0), optax.adamw(learning_rate=schedule, weight_decay=1e-4))


def loss_fn(params, batch, rng):
    logits = MLP().apply(params, batch["x"], rngs={"dropout": rng})
    return optax.softmax_cross_entropy_with_integer_labels(logits, batch["y"]).mean()


grads = jax.grad(loss_fn)
