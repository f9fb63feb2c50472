#!/usr/bin/env python3
"""Independent float64 reference ("oracle") for the Adan and AdEMAMix optimizers.

Each optimizer is transcribed scalar-by-scalar (one coordinate at a time) from the
authors' official PyTorch code, keeping the order of floating-point operations:

  * Adan     -- sail-sg/Adan, adan.py: Adan.step() + _single_tensor_adan()
               (the foreach=False path; max_grad_norm=0, so clip_global_grad_norm=1.0).
  * AdEMAMix -- apple/ml-ademamix, pytorch/ademamix.py: AdEMAMix.step(),
               linear_warmup_scheduler(), linear_hl_warmup_scheduler().

Torch element-wise kernels are mirrored as the ATen CPU kernels write them:
  x.mul_(b).add_(y, alpha=a)        ->  x*b + a*y
  x.addcmul_(t1, t2, value=v)       ->  x + v*t1*t2      i.e. x + ((v*t1)*t2)
  x.addcdiv_(t1, t2, value=v)       ->  x + v*t1/t2      i.e. x + ((v*t1)/t2)
(the CUDA addcdiv kernel computes x + v*(t1/t2) instead, which can differ in the last
bit).  Python floats are IEEE float64, so this corresponds to running the official
code on float64 tensors without fused multiply-add contraction.

Objective: f(w) = 0.5*(1*w1^2 + 10*w2^2), g = (w1, 10*w2), w0 = (1.0, 1.0), 3 steps.

Hand derivation of step 1 (g = (1, 10), so |g_i| = g_i > 0)
-----------------------------------------------------------
Adan (beta1=0.98, beta2=0.92, beta3=0.99, eps=1e-8, lr=0.1):
  step 1: neg_pre_grad = -g, so neg_grad_or_diff = -g + g = 0 (gradient difference 0).
  m = 0*0.98 + 0.02*g = 0.02 g ;  v (exp_avg_diff) = 0.08*0 = 0 ;
  neg_grad_or_diff = 0*0.92 + g = g ;  n = 0.01 g^2.
  bc1 = 0.02, bc3 = 0.01  ->  denom = sqrt(0.01 g^2)/sqrt(0.01) + eps = g + 1e-8.
  step_size = lr/bc1 = 0.1/0.02 = 5, so the update is 5*(0.02 g)/(g+eps) = g/(g+eps);
  the v-term is 0.
  (a) "adan lr=0.1", wd = 0:
        w1 = 1 - 0.1*1/(1+1e-8)   = 1 - 0.1*(1 - 1e-8) ~= 0.900000001
        w2 = 1 - 0.1*10/(10+1e-8) = 1 - 0.1*(1 - 1e-9) ~= 0.9000000001
  (b) "adan lr=0.1 weight_decay=0.02" (prox, no_prox=false):
        w = (w - 0.1*g/(g+eps)) / (1 + 0.1*0.02) = (a) / 1.002
        w1 ~= 0.900000001/1.002 ~= 0.8982035938
        w2 ~= 0.9000000001/1.002 ~= 0.8982035929
  (c) "adan lr=0.1 weight_decay=0.02 no_prox=true":
        w = w*(1 - 0.002) - 0.1*g/(g+eps) = 0.998 - 0.1*g/(g+eps)
        w1 ~= 0.998 - 0.1 + 1e-9  = 0.898000001
        w2 ~= 0.998 - 0.1 + 1e-10 = 0.8980000001

AdEMAMix (beta1=0.9, beta2=0.999, beta3=0.9999, alpha=5, eps=1e-8, lr=0.1):
  m1 = 0.1 g ; m2 = 1e-4 g ; nu = 0.001 g^2 ; bc1 = 0.1, bc2 = 0.001.
  denom = sqrt(0.001 g^2)/sqrt(0.001) + eps = g + 1e-8.
  update = (0.1 g/0.1 + alpha*1e-4 g)/(g+eps) = (1 + 5e-4)*g/(g+eps) = 1.0005*g/(g+eps).
  (d) "ademamix lr=0.1":
        w1 = 1 - 0.1*1.0005/(1+1e-8)      ~= 1 - 0.10005*(1-1e-8) ~= 0.8999500010005
        w2 = 1 - 0.1*1.0005*10/(10+1e-8)  ~= 1 - 0.10005*(1-1e-9) ~= 0.89995000010005
  (e) "ademamix lr=0.1 weight_decay=0.1": update += 0.1*w = 0.1 (w = 1), so
        w1 ~= 1 - 0.1*(1.0005*(1-1e-8) + 0.1) ~= 0.8899500010005
        w2 ~= 1 - 0.1*(1.0005*(1-1e-9) + 0.1) ~= 0.88995000010005
  (f) "ademamix lr=0.1 t_alpha_beta3=10" (T = 10, t = 1, a = t/T = 0.1):
        alpha_1 = (1-0.1)*0 + 0.1*5 = 0.5
        beta3_1 = 0.5^(1/(0.9*f(0.9) + 0.1*f(0.9999) + 1)), f(b) = ln0.5/ln(b+1e-8) - 1
                ~= exp(ln0.9*ln0.9999/(0.9*ln0.9999 + 0.1*ln0.9)) ~= 0.999009
        m2 = (1-beta3_1) g ~= 9.90990e-4 g
        update = (g + 0.5*9.90990e-4 g)/(g+eps) ~= 1.000495495*g/(g+eps)
        w1 ~= 1 - 0.1000495495*(1-1e-8) ~= 0.899950451
        w2 ~= 1 - 0.1000495495*(1-1e-9) ~= 0.8999504506

Output: "CASE <label>" then "STEP k <w1> <w2>" (repr(), shortest round-trip float64).
`--variants` additionally prints the t_alpha_beta3 case with the paper's closed-form
alpha_t / beta3_t formulas (which differ from the official code, see
linear_hl_warmup_scheduler's eps=1e-8 inside the log).
"""

import math
import sys


def grad(w):
    # g = (1*w1, 10*w2) for f(w) = 0.5*(1*w1^2 + 10*w2^2)
    return [1.0 * w[0], 10.0 * w[1]]


# --------------------------------------------------------------------------------------
# Adan -- sail-sg/Adan adan.py
# --------------------------------------------------------------------------------------
def run_adan(lr=1e-3, beta1=0.98, beta2=0.92, beta3=0.99, eps=1e-8,
             weight_decay=0.0, no_prox=False, steps=3, w0=(1.0, 1.0)):
    p = list(w0)
    n_coord = len(p)
    exp_avg = [0.0] * n_coord       # state['exp_avg'] = torch.zeros_like(p)
    exp_avg_sq = [0.0] * n_coord    # state['exp_avg_sq'] = torch.zeros_like(p)
    exp_avg_diff = [0.0] * n_coord  # state['exp_avg_diff'] = torch.zeros_like(p)
    neg_pre_grad = [None] * n_coord
    clip_global_grad_norm = 1.0     # max_grad_norm == 0  ->  clip_global_grad_norm = 1.0
    group_step = 0
    history = []
    for _ in range(steps):
        g_all = grad(p)                       # loss.backward() -> p.grad
        group_step += 1                       # group['step'] += 1  (or = 1 on the first step)
        bias_correction1 = 1.0 - beta1 ** group_step   # bias_correction1 = 1.0 - beta1**group['step']
        bias_correction2 = 1.0 - beta2 ** group_step   # bias_correction2 = 1.0 - beta2**group['step']
        bias_correction3 = 1.0 - beta3 ** group_step   # bias_correction3 = 1.0 - beta3**group['step']
        bias_correction3_sqrt = math.sqrt(bias_correction3)  # bias_correction3_sqrt=math.sqrt(bias_correction3)
        for i in range(n_coord):
            g = g_all[i]
            if neg_pre_grad[i] is None or group_step == 1:
                # state['neg_pre_grad'] = p.grad.clone().mul_(-clip_global_grad_norm)
                neg_pre_grad[i] = g * (-clip_global_grad_norm)
            # ---- _single_tensor_adan ----
            g = g * clip_global_grad_norm                       # grad.mul_(clip_global_grad_norm)
            neg = neg_pre_grad[i] + g                           # neg_grad_or_diff.add_(grad)
            exp_avg[i] = exp_avg[i] * beta1 + (1 - beta1) * g   # exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)  # m_t
            exp_avg_diff[i] = exp_avg_diff[i] * beta2 + (1 - beta2) * neg  # exp_avg_diff.mul_(beta2).add_(neg_grad_or_diff, alpha=1 - beta2)  # diff_t
            neg = neg * beta2 + g                               # neg_grad_or_diff.mul_(beta2).add_(grad)
            exp_avg_sq[i] = exp_avg_sq[i] * beta3 + (1 - beta3) * neg * neg  # exp_avg_sq.mul_(beta3).addcmul_(neg_grad_or_diff, neg_grad_or_diff, value=1 - beta3)  # n_t
            denom = math.sqrt(exp_avg_sq[i]) / bias_correction3_sqrt + eps  # denom = ((exp_avg_sq).sqrt() / bias_correction3_sqrt).add_(eps)
            step_size_diff = lr * beta2 / bias_correction2      # step_size_diff = lr * beta2 / bias_correction2
            step_size = lr / bias_correction1                   # step_size = lr / bias_correction1
            if no_prox:                                         # if no_prox:
                p[i] = p[i] * (1 - lr * weight_decay)           #     param.mul_(1 - lr * weight_decay)
                p[i] = p[i] + (-step_size) * exp_avg[i] / denom  #     param.addcdiv_(exp_avg, denom, value=-step_size)
                p[i] = p[i] + (-step_size_diff) * exp_avg_diff[i] / denom  # param.addcdiv_(exp_avg_diff, denom, value=-step_size_diff)
            else:                                               # else:
                p[i] = p[i] + (-step_size) * exp_avg[i] / denom  #     param.addcdiv_(exp_avg, denom, value=-step_size)
                p[i] = p[i] + (-step_size_diff) * exp_avg_diff[i] / denom  # param.addcdiv_(exp_avg_diff, denom, value=-step_size_diff)
                p[i] = p[i] / (1 + lr * weight_decay)           #     param.div_(1 + lr * weight_decay)
            neg_pre_grad[i] = 0.0 + (-1.0) * g                  # neg_grad_or_diff.zero_().add_(grad, alpha=-1.0)
        history.append(list(p))
    return history


# --------------------------------------------------------------------------------------
# AdEMAMix -- apple/ml-ademamix pytorch/ademamix.py
# --------------------------------------------------------------------------------------
def linear_warmup_scheduler(step, alpha_end, alpha_start=0, warmup=1):
    if step < warmup:                                     # if step < warmup:
        a = step / float(warmup)                          #     a = step / float(warmup)
        return (1.0 - a) * alpha_start + a * alpha_end    #     return (1.0-a) * alpha_start + a * alpha_end
    return alpha_end                                      # return alpha_end


def linear_hl_warmup_scheduler(step, beta_end, beta_start=0, warmup=1):
    def f(beta, eps=1e-8):
        return math.log(0.5) / math.log(beta + eps) - 1   # return math.log(0.5)/math.log(beta+eps)-1

    def f_inv(t):
        return math.pow(0.5, 1 / (t + 1))                 # return math.pow(0.5, 1/(t+1))

    if step < warmup:                                     # if step < warmup:
        a = step / float(warmup)                          #     a = step / float(warmup)
        return f_inv((1.0 - a) * f(beta_start) + a * f(beta_end))  # return f_inv((1.0-a) * f(beta_start) + a * f(beta_end))
    return beta_end                                       # return beta_end


def paper_alpha(t, alpha, T):
    # Paper (arXiv 2409.03137), alpha scheduler: alpha(t) = min(t*alpha/T, alpha)
    return min(t * alpha / T, alpha)


def paper_beta3(t, beta1, beta3, T):
    # Paper, beta3 scheduler:
    # beta3(t) = min(exp(ln(beta1)*ln(beta3) / ((1 - t/T)*ln(beta3) + (t/T)*ln(beta1))), beta3)
    return min(math.exp(math.log(beta1) * math.log(beta3)
                        / ((1 - t / T) * math.log(beta3) + (t / T) * math.log(beta1))), beta3)


def run_ademamix(lr=1e-3, beta1=0.9, beta2=0.999, beta3=0.9999, alpha=2.0,
                 t_alpha_beta3=0, eps=1e-8, weight_decay=0.0, steps=3,
                 w0=(1.0, 1.0), paper_schedulers=False):
    # t_alpha_beta3 == 0  <->  beta3_warmup = alpha_warmup = None
    warmup = t_alpha_beta3 if t_alpha_beta3 else None
    p = list(w0)
    n_coord = len(p)
    lmbda = weight_decay                 # lmbda = group["weight_decay"]
    beta3_final = beta3                  # beta1, beta2, beta3_final = group["betas"]
    alpha_final = alpha                  # alpha_final = group["alpha"]
    exp_avg_fast = [0.0] * n_coord       # state['exp_avg_fast'] = torch.zeros_like(p)
    exp_avg_slow = [0.0] * n_coord       # state['exp_avg_slow'] = torch.zeros_like(p)
    exp_avg_sq = [0.0] * n_coord         # state['exp_avg_sq'] = torch.zeros_like(p)
    state_step = 0                       # state['step'] = 0
    history = []
    for _ in range(steps):
        g_all = grad(p)                                  # loss.backward() -> p.grad
        state_step += 1                                  # state['step'] += 1
        bias_correction1 = 1 - beta1 ** state_step       # bias_correction1 = 1 - beta1 ** state['step']
        bias_correction2 = 1 - beta2 ** state_step       # bias_correction2 = 1 - beta2 ** state['step']
        if warmup is not None:                           # if alpha_warmup is not None:
            if paper_schedulers:
                a_t = paper_alpha(state_step, alpha_final, warmup)
            else:                                        # alpha = linear_warmup_scheduler(state["step"], alpha_end=alpha_final, alpha_start=0, warmup=alpha_warmup)
                a_t = linear_warmup_scheduler(state_step, alpha_end=alpha_final, alpha_start=0, warmup=warmup)
        else:
            a_t = alpha_final                            # alpha = alpha_final
        if warmup is not None:                           # if beta3_warmup is not None:
            if paper_schedulers:
                b3_t = paper_beta3(state_step, beta1, beta3_final, warmup)
            else:                                        # beta3 = linear_hl_warmup_scheduler(state["step"], beta_end=beta3_final, beta_start=beta1, warmup=beta3_warmup)
                b3_t = linear_hl_warmup_scheduler(state_step, beta_end=beta3_final, beta_start=beta1, warmup=warmup)
        else:
            b3_t = beta3_final                           # beta3 = beta3_final
        for i in range(n_coord):
            g = g_all[i]
            exp_avg_fast[i] = exp_avg_fast[i] * beta1 + (1 - beta1) * g  # exp_avg_fast.mul_(beta1).add_(grad, alpha=1 - beta1)
            exp_avg_slow[i] = exp_avg_slow[i] * b3_t + (1 - b3_t) * g    # exp_avg_slow.mul_(beta3).add_(grad, alpha=1 - beta3)
            exp_avg_sq[i] = exp_avg_sq[i] * beta2 + (1 - beta2) * g * g  # exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            denom = math.sqrt(exp_avg_sq[i]) / math.sqrt(bias_correction2) + eps  # denom = (exp_avg_sq.sqrt() / math.sqrt(bias_correction2)).add_(eps)
            update = (exp_avg_fast[i] / bias_correction1 + a_t * exp_avg_slow[i]) / denom  # update = (exp_avg_fast.div(bias_correction1) + alpha * exp_avg_slow) / denom
            update = update + lmbda * p[i]                # update.add_(p, alpha=lmbda)
            p[i] = p[i] + (-lr) * update                  # p.add_(-lr * update)
        history.append(list(p))
    return history


CASES = [
    ("adan lr=0.1", lambda: run_adan(lr=0.1)),
    ("adan lr=0.1 weight_decay=0.02", lambda: run_adan(lr=0.1, weight_decay=0.02)),
    ("adan lr=0.1 weight_decay=0.02 no_prox=true",
     lambda: run_adan(lr=0.1, weight_decay=0.02, no_prox=True)),
    ("ademamix lr=0.1 alpha=5", lambda: run_ademamix(lr=0.1, alpha=5.0)),
    ("ademamix lr=0.1 alpha=5 weight_decay=0.1", lambda: run_ademamix(lr=0.1, alpha=5.0, weight_decay=0.1)),
    ("ademamix lr=0.1 alpha=5 t_alpha_beta3=10", lambda: run_ademamix(lr=0.1, alpha=5.0, t_alpha_beta3=10)),
]

VARIANT_CASES = [
    ("ademamix lr=0.1 t_alpha_beta3=10 [paper scheduler formulas, not official code]",
     lambda: run_ademamix(lr=0.1, alpha=5.0, t_alpha_beta3=10, paper_schedulers=True)),
]


def main(argv):
    cases = list(CASES)
    if "--variants" in argv:
        cases += VARIANT_CASES
    for label, fn in cases:
        print("CASE " + label)
        for k, w in enumerate(fn(), start=1):
            print("STEP %d %s %s" % (k, repr(w[0]), repr(w[1])))


if __name__ == "__main__":
    main(sys.argv[1:])
